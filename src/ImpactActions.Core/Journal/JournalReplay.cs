using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Http;
using ImpactActions.Core.Records;
using ImpactActions.Core.Submissions;
using ImpactActions.Core.Validation;
using ImpactActions.Core.Writing;

namespace ImpactActions.Core.Journal;

/// <summary>What a rerun does with a row the journal knows: send it, skip it (with its earlier BatchId), or report its outcome unknown.</summary>
internal sealed record ReplayDecision(bool Send, RowStatus State = RowStatus.Queued, string? BatchId = null, string? QueuedUri = null, string? Message = null)
{
    public static readonly ReplayDecision SendIt = new(true);
}

/// <summary>
/// A rerun's view of its journal. A row whose request was accepted is skipped; one whose request failed
/// is sent again. A request whose answer was lost (left Sending or OutcomeUnknown) is looked up among the
/// submissions once, for all its rows together: found, every row of it is skipped with that BatchId;
/// not found, an absolute row is sent again (setting the same value twice is harmless), a relative one is
/// reported OutcomeUnknown and never sent on a guess, unless the user says -ResendUnknown.
/// </summary>
internal sealed class JournalReplay
{
    private readonly RunJournal _journal;
    private readonly SubmissionReconciler _reconciler;
    private readonly ClaimedBatches _claimed;
    private readonly QueuedWrites _queued;
    private readonly Dictionary<string, Task<ImpactSubmission?>> _lookups = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (long? ActionTrackerId, string? Oid)> _actionNames;

    /// <summary>Journalled rows this run has taken for one of its own rows, by their content or by their effect.</summary>
    private readonly HashSet<string> _matched = new(StringComparer.Ordinal);

    public JournalReplay(RunJournal journal, SubmissionReconciler reconciler, ClaimedBatches claimed, QueuedWrites queued,
        System.Collections.Concurrent.ConcurrentDictionary<string, (long? ActionTrackerId, string? Oid)> actionNames)
    {
        _journal = journal;
        _reconciler = reconciler;
        _claimed = claimed;
        _queued = queued;
        _actionNames = actionNames;
        _earlier = new HashSet<string>(journal.RequestIds, StringComparer.Ordinal);
    }

    /// <summary>The requests of earlier runs: a row this run sent is never taken for an earlier run's change.</summary>
    private readonly HashSet<string> _earlier;

    public bool ResendUnknown { get; set; }

    public async Task<ReplayDecision> DecideAsync(ItemChange change, CancellationToken cancellation)
    {
        var request = _journal.LatestFor(change.JournalKey);
        if (request is not null) _matched.Add(request.Id + "/" + change.JournalKey);
        else
        {
            // A Delta or QuantityChange the file says another way than before (the action named the other way, or both
            // ways) is the same change: it is known by what it asks for, never sent again on a guess.
            var (same, maybe) = SameChange(change);
            if (same is { } earlier)
            {
                request = earlier.Request;
                _matched.Add(earlier.Request.Id + "/" + earlier.Row.Key);
            }
            else if (maybe is { } possible && !ResendUnknown)
                return new ReplayDecision(false, RowStatus.OutcomeUnknown, Message:
                    $"An earlier run (journal {_journal.Path}) sent the same change of Sku {change.Sku} (row {possible.Row.Row} of that run, naming its action "
                    + $"{Named(possible.Row)}) at {possible.Request.SentAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, and whether it is this row's action is not known here; "
                    + "it was not sent again: check the item (Get-ImpactActionItem), and rerun with -ResendUnknown only if it was not applied, or with a new -JournalPath if this is a new change.");
            else return ReplayDecision.SendIt;
        }
        switch (request.Status)
        {
            case JournalStatus.Queued or JournalStatus.Complete when request.BatchId is not null:
                return new ReplayDecision(false, RowStatus.Skipped, request.BatchId, request.QueuedUri,
                    $"Already accepted as {request.BatchId} in an earlier run on {request.SentAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC (journal {_journal.Path}); "
                    + "if this is a new change that only looks the same, run it with a new -JournalPath.");
            case JournalStatus.Sending or JournalStatus.OutcomeUnknown:
                break;
            default:
                return ReplayDecision.SendIt;
        }

        ImpactSubmission? found;
        try
        {
            found = await LookUpAsync(request, cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ImpactApiException or ImpactResponseException)
        {
            if (change.IsRelative && !ResendUnknown)
                return Unknown(request, $"its submission could not be looked up ({e.Message})");
            change.Replaces = request.Id;
            return ReplayDecision.SendIt;
        }
        if (found?.BatchId is { } batchId)
            return new ReplayDecision(false, RowStatus.Skipped, batchId, found.Uri,
                $"An earlier run's answer was lost; the API has it as {batchId}.");
        if (change.IsRelative && !ResendUnknown)
            // Not found is not proof: the list may not reach it, or not exist. Applying a relative change twice is worse than asking.
            return Unknown(request, "no submission for it was found");
        change.Replaces = request.Id;
        return ReplayDecision.SendIt;
    }

    /// <summary>
    /// A journalled row, not yet taken by this run, with the same effect as <paramref name="change"/> that may have had it
    /// (accepted, or its answer lost): the one naming the same action, or else one whose action cannot be told apart here.
    /// </summary>
    private ((JournalRequest Request, JournalRow Row)? Same, (JournalRequest Request, JournalRow Row)? Maybe) SameChange(ItemChange change)
    {
        if (change.Effect is not { } effect) return (null, null);
        (JournalRequest, JournalRow)? maybe = null;
        foreach (var (request, row) in _journal.RowsWithEffect(effect))
        {
            if (!_earlier.Contains(request.Id) || request.Status is JournalStatus.Failed or JournalStatus.SubmissionFailed
                || _matched.Contains(request.Id + "/" + row.Key)) continue;
            switch (SameAction(change.ActionId, change.ActionTrackerId, change.OrderId, row.ActionId, row.ActionTrackerId, row.OrderId))
            {
                case true:
                    return ((request, row), null);
                case null:
                    maybe ??= (request, row);
                    break;
            }
        }
        return (null, maybe);
    }

    /// <summary>Whether two rows name one action: true, false, or null when one names it by ActionId and the other by tracker and OrderId only, and the names seen this session do not tell.</summary>
    private bool? SameAction(string? actionId, long? tracker, string? orderId, string? otherActionId, long? otherTracker, string? otherOrderId)
    {
        if (actionId is not null && otherActionId is not null) return string.Equals(actionId, otherActionId, StringComparison.Ordinal);
        if (tracker is not null && otherTracker is not null) return tracker == otherTracker && string.Equals(orderId, otherOrderId, StringComparison.Ordinal);
        var (byId, byTracker, byOrder) = actionId is not null ? (actionId, otherTracker, otherOrderId) : (otherActionId, tracker, orderId);
        if (byId is not null && _actionNames.TryGetValue(byId, out var names) && names.ActionTrackerId is not null)
            return names.ActionTrackerId == byTracker && string.Equals(names.Oid, byOrder, StringComparison.Ordinal);
        return null;
    }

    private static string Named(JournalRow row) =>
        row.ActionId ?? $"by ActionTrackerId {row.ActionTrackerId?.ToString(System.Globalization.CultureInfo.InvariantCulture)} and OrderId {row.OrderId}";

    /// <summary>Looks for the request's submission once, however many of its rows come by.</summary>
    private Task<ImpactSubmission?> LookUpAsync(JournalRequest request, CancellationToken cancellation)
    {
        if (!_lookups.TryGetValue(request.Id, out var lookup))
            _lookups[request.Id] = lookup = LookUpOnceAsync(request, cancellation);
        return lookup;
    }

    private async Task<ImpactSubmission?> LookUpOnceAsync(JournalRequest request, CancellationToken cancellation)
    {
        if (request.Payload is null) return null;
        var found = await _reconciler.FindAsync(request.Payload, DateTimeOffset.UtcNow - request.SentAt, _claimed, cancellation).ConfigureAwait(false);
        if (found?.BatchId is not { } batchId) return null;
        _journal.Record(new JournalRecord { Request = request.Id, Status = JournalStatus.Queued, BatchId = batchId, QueuedUri = found.Uri, At = DateTimeOffset.UtcNow });
        foreach (var write in _queued.OfJournalRequest(request.Id)) _queued.Resolve(write, batchId);
        return found;
    }

    public static WriteScope ScopeOf(JournalRequest request) => new(request.ActionId, request.ActionTrackerId, request.OrderId, request.Skus);

    private static ReplayDecision Unknown(JournalRequest request, string why) =>
        new(false, RowStatus.OutcomeUnknown, Message:
            $"An earlier run sent this relative change at {request.SentAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z and lost the answer, and {why}; it was not resent, so check the item "
            + "(Get-ImpactActionItem) or the account's submissions of that time, and rerun with -ResendUnknown only if it was not applied.");
}
