using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Batching;
using ImpactActions.Core.Errors;
using ImpactActions.Core.Http;
using ImpactActions.Core.Journal;
using ImpactActions.Core.Json;
using ImpactActions.Core.Paging;
using ImpactActions.Core.Submissions;
using ImpactActions.Core.Validation;

namespace ImpactActions.Core.Writing;

/// <summary>
/// One run of item changes (one Set-ImpactActionItem pipeline), kept to the write contract
/// (docs/write-contract.md). Rows are validated as they arrive, batched per action, and sent as batches
/// fill and at the end; every row gets exactly one result, in input order. A batch that needs an item's
/// current quantity (a QuantityChange, or a Quantity the row leaves out: [ITEM-PUT] "Quantity required", docs/api-reference.md)
/// is sent only when no write the module knows of to that item is pending; until then it is parked, in
/// order behind its action's other parked batches, while other actions go on, and the parked batches are
/// sent once those writes have completed (read again after them) or fail when they do not in time.
/// </summary>
public sealed class ItemChangeRun : IDisposable
{
    private readonly ImpactApiClient _client;
    private readonly IWriteHost _host;
    private readonly RunJournal? _journal;
    private readonly ItemChangeBatcher _batcher;
    private readonly SubmissionReconciler _reconciler;
    private readonly QueuedWrites _queued;
    private readonly CurrentQuantities _quantities;
    private readonly ActionNames _names;
    private readonly ModificationCounter _modifications = new();
    private readonly RowOrder _order = new();
    private readonly List<ItemChangeBatch> _parked = new();
    private readonly Dictionary<string, int> _occurrences = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _firstRowOf = new(StringComparer.Ordinal);
    private readonly ClaimedBatches _claimed;

    /// <summary>The account and address of the connection, as the journal names them.</summary>
    private readonly string _account;

    /// <summary>
    /// Under -WhatIf, the Quantity each rehearsed row would leave, by action (as the rows name it) and Sku: in the real
    /// run a later row that works out a quantity waits for that write and builds on it, so the rehearsal does too.
    /// </summary>
    private readonly Dictionary<string, Dictionary<string, Rehearsed>> _rehearsed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _rehearsedSkusByTrackerAndOrder = new(StringComparer.Ordinal);
    private JournalReplay? _replay;
    private WaitJoin? _join;
    private bool _started;
    private JournalException? _journalFailure;
    private long _read;
    private long _sent;
    private long _answered;
    private long? _firstError;
    private long _stoppedAt = long.MaxValue;
    private string? _lastActionKey;

    /// <summary>Opens the journal, if one is given, and holds it until disposed (<see cref="JournalException"/> when it cannot).</summary>
    public ItemChangeRun(ImpactApiClient client, IWriteHost host, string? journalPath = null, int maxItemsPerRequest = 100)
        : this(client, host, journalPath is null ? null : RunJournal.Open(journalPath), maxItemsPerRequest)
    {
    }

    internal ItemChangeRun(ImpactApiClient client, IWriteHost host, RunJournal? journal, int maxItemsPerRequest = 100)
    {
        _client = client;
        _host = host;
        _batcher = new ItemChangeBatcher(maxItemsPerRequest);
        _reconciler = new SubmissionReconciler(new SubmissionReader(client));
        _queued = client.Connection.QueuedWrites;
        _quantities = new CurrentQuantities(client);
        _names = new ActionNames(client);
        _journal = journal;
        _account = $"{client.Connection.AccountSid} at {client.Connection.BaseUri.GetLeftPart(UriPartial.Authority)}";
        try
        {
            _journal?.CheckAccount(_account);
        }
        catch (JournalException)
        {
            // The run owns its journal: refused, it lets go of the file at once.
            _journal?.Dispose();
            throw;
        }
        _claimed = new ClaimedBatches(client.Connection.Account.Claimed, _journal?.KnownBatchIds);
    }

    /// <summary>
    /// The host stops at the first error (-ErrorAction Stop): every row before an erroring row is sent (and
    /// waited for) and has its result before that row's error, and nothing after it is sent. A request then
    /// holds only consecutive rows of one action, and a row that must wait for an earlier write is waited
    /// for at once, so that a failure the API reports also stops the run before anything after it is sent;
    /// only a failure found by -Wait, after every request was sent, comes later. Otherwise batches stay open
    /// across other rows (one request per action).
    /// </summary>
    public bool StopAtBadRow { get; set; }

    /// <summary>
    /// Send again a relative row an earlier run left with an unknown outcome, when its submission cannot be
    /// found: the user has checked that it was not applied. Other rows of the same items still do not build on
    /// that unknown write. Off by default: a delta applied once and sent again is applied twice.
    /// </summary>
    public bool ResendUnknown { get; set; }

    /// <summary>[ACTIONS]: "impact.com allows a maximum of 1,000 modifications per action"; one sent write is one modification.</summary>
    public int ModificationLimit
    {
        get => _modifications.Limit;
        set => _modifications.Limit = value;
    }

    /// <summary>Wait for the submissions at the end and report each row as Applied or Failed (-Wait).</summary>
    public bool Wait { get; set; }

    /// <summary>The longest wait for submissions: at the end with <see cref="Wait"/>, and for earlier writes a row builds on.</summary>
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromSeconds(600);

    public TimeSpan FirstPoll { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan LongestPoll { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Rows whose results wait for an earlier row's, at most, before the parked batches are resolved: memory stays bounded.</summary>
    public int MaxHeldRows { get; set; } = 10_000;

    public async Task AddAsync(ItemChangeInput input, CancellationToken cancellation)
    {
        Start();
        var sequence = ++_read;
        var (change, errors) = ItemChangeValidator.Validate(input);
        if (change is null)
        {
            var first = errors[0];
            await FinishAtStopAsync(new RowResult
            {
                Row = input.Row, Sequence = sequence, Source = input.Source, ActionId = input.ActionId,
                ActionTrackerId = long.TryParse(input.ActionTrackerId?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var tracker) ? tracker : null,
                OrderId = input.OrderId, Sku = input.Sku,
                State = RowStatus.Failed, ErrorId = ErrorKinds.InvalidRow.Id, Field = first.Field, Message = RowError.Sentence(errors),
            }, cancellation).ConfigureAwait(false);
            return;
        }
        change.Sequence = sequence;
        var content = change.ContentKey;
        _occurrences[content] = _occurrences.TryGetValue(content, out var n) ? n + 1 : 1;
        change.JournalKey = content + "#" + _occurrences[content].ToString(CultureInfo.InvariantCulture);
        change.Effect = change.EffectKey;
        if (n == 0) _firstRowOf[content] = change.Row;
        else if (change.IsRelative)
            _client.Log.Warning($"Row {change.Row} repeats the relative change of row {_firstRowOf[content]} ({change.ActionKey} Sku {change.Sku}); both are sent, as two changes.");
        SayWhatIsRead(input, change);

        if (sequence >= _stoppedAt)
        {
            Finish(Stopped(change));
            return;
        }
        if (_journalFailure is not null)
        {
            Finish(JournalUnavailable(change));
            return;
        }
        if (change.ActionId is not null && change.ActionTrackerId is not null && await BothNamesDisagreeAsync(change, cancellation).ConfigureAwait(false) is { } disagreement)
        {
            await FinishAtStopAsync(disagreement, cancellation).ConfigureAwait(false);
            return;
        }
        if (_replay is not null)
        {
            ReplayDecision decision;
            try
            {
                decision = await _replay.DecideAsync(change, cancellation).ConfigureAwait(false);
            }
            catch (JournalException e)
            {
                _journalFailure ??= e;
                Finish(JournalUnavailable(change));
                return;
            }
            if (!decision.Send)
            {
                var errorId = decision.State == RowStatus.OutcomeUnknown ? ErrorKinds.OutcomeUnknown.Id : null;
                await FinishAtStopAsync(Result(change, decision.State, decision.BatchId, decision.QueuedUri, errorId, message: decision.Message), cancellation).ConfigureAwait(false);
                return;
            }
        }
        if (StopAtBadRow && _lastActionKey is not null && _lastActionKey != change.ActionKey)
        {
            // Under -ErrorAction Stop a request holds only consecutive rows, and waits are not put off: when one fails,
            // nothing after it has been sent.
            foreach (var batch in _batcher.Complete()) await DispatchAsync(batch, cancellation).ConfigureAwait(false);
            await DrainParkedAsync(cancellation).ConfigureAwait(false);
            await StopAtFirstErrorAsync(cancellation).ConfigureAwait(false);
            if (sequence >= _stoppedAt)
            {
                Finish(Stopped(change));
                return;
            }
        }
        _lastActionKey = change.ActionKey;
        await DispatchOtherNameAsync(change, cancellation).ConfigureAwait(false);
        foreach (var batch in _batcher.Add(change)) await DispatchAsync(batch, cancellation).ConfigureAwait(false);
        if (StopAtBadRow)
        {
            await DrainParkedAsync(cancellation).ConfigureAwait(false);
            await StopAtFirstErrorAsync(cancellation).ConfigureAwait(false);
        }
        if (_order.Held + _parked.Sum(b => b.Items.Count) > MaxHeldRows) await DrainParkedAsync(cancellation).ConfigureAwait(false);
        Progress("Sending");
    }

    public async Task CompleteAsync(CancellationToken cancellation)
    {
        Start();
        foreach (var batch in _batcher.Complete()) await DispatchAsync(batch, cancellation).ConfigureAwait(false);
        await DrainParkedAsync(cancellation).ConfigureAwait(false);
        if (StopAtBadRow) await StopAtFirstErrorAsync(cancellation).ConfigureAwait(false);
        await FlushJoinAsync(cancellation).ConfigureAwait(false);
        _host.Progress(new WriteProgress(_read, _sent, _answered, "Done", Completed: true));
    }

    /// <summary>Once the options are set: the journal's view, the -Wait join, and the journal's unfinished writes made known.</summary>
    private void Start()
    {
        if (_started) return;
        _started = true;
        if (Wait) _join = new WaitJoin(Waiter(), Seen, SkusOfAsync);
        if (_journal is null) return;
        _replay = new JournalReplay(_journal, _reconciler, _claimed, _queued, _client.Connection.ActionNames) { ResendUnknown = ResendUnknown };
        var origin = $"an earlier run (journal {_journal.Path})";
        foreach (var request in _journal.Unfinished)
        {
            if (_queued.OfJournalRequest(request.Id).Count > 0) continue;
            _queued.Add(new QueuedWrite(JournalReplay.ScopeOf(request), request.IsPending ? request.BatchId : null, request.SentAt,
                origin, request.Payload, request.Id));
        }
    }

    private async Task<IReadOnlyCollection<string>> SkusOfAsync(string actionId, CancellationToken cancellation)
    {
        var skus = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var item in new ActionReader(_client).ListItemsAsync(actionId, cancellation).ConfigureAwait(false))
            if (item.Sku is { } sku) skus.Add(sku);
        return skus;
    }

    private SubmissionWaiter Waiter() => new(_client) { FirstPoll = FirstPoll, LongestPoll = LongestPoll };

    /// <summary>What the run reads differently from the text given (spaces around an identifier, a code's case) is said, not done silently.</summary>
    private void SayWhatIsRead(ItemChangeInput input, ItemChange change)
    {
        foreach (var (field, text) in new[] { ("ActionId", input.ActionId), ("ActionTrackerId", input.ActionTrackerId), ("OrderId", input.OrderId), ("Sku", input.Sku), ("Reason", input.Reason) })
            if (FieldRules.IsTrimmed(text))
                _client.Log.Verbose($"Row {change.Row}: the spaces around {field} '{text}' are not part of it; it is read as '{text!.Trim()}'.");
        if (FieldRules.IsGiven(input.Reason) && input.Reason!.Trim() != change.Reason)
            _client.Log.Verbose($"Row {change.Row}: Reason '{input.Reason.Trim()}' is sent as {change.Reason}, as the API documents it.");
    }

    /// <summary>
    /// A row naming its action both ways is sent (by ActionId) only when both name one action, as the action's
    /// own record says; otherwise it fails, naming both. One read per action, kept by the connection.
    /// </summary>
    private async Task<RowResult?> BothNamesDisagreeAsync(ItemChange change, CancellationToken cancellation)
    {
        try
        {
            var (tracker, oid) = await _names.OfAsync(change.ActionId!, cancellation).ConfigureAwait(false);
            if (tracker == change.ActionTrackerId && string.Equals(oid, change.OrderId, StringComparison.Ordinal)) return null;
            return Result(change, RowStatus.Failed, errorId: ErrorKinds.InvalidRow.Id, field: "ActionId", message:
                $"ActionId {change.ActionId} is the action of ActionTrackerId {tracker} and OrderId '{oid}', not of ActionTrackerId {change.ActionTrackerId} and OrderId '{change.OrderId}' as the row also says; nothing was sent.");
        }
        catch (ImpactNotFoundException)
        {
            return Result(change, RowStatus.Failed, errorId: ErrorKinds.ItemNotFound.Id, field: "ActionId", message: $"ActionId {change.ActionId} names no action; nothing was sent.");
        }
        catch (Exception e) when (e is ImpactApiException or ImpactResponseException)
        {
            return Result(change, RowStatus.Failed, errorId: ErrorKinds.ApiUnavailable.Id, field: "ActionId", message:
                $"ActionId {change.ActionId} and ActionTrackerId/OrderId both name the action, and its record, which says whether they agree, could not be read ({e.Message.TrimEnd('.')}); nothing was sent.");
        }
    }

    /// <summary>Reports a row that will be an error; under -ErrorAction Stop, every earlier row first gets its result.</summary>
    private async Task FinishAtStopAsync(RowResult result, CancellationToken cancellation)
    {
        if (StopAtBadRow && result.IsError())
        {
            await StopBeforeAsync(result.Sequence, cancellation).ConfigureAwait(false);
            Finish(result);
            await FlushJoinAsync(cancellation).ConfigureAwait(false);
            return;
        }
        Finish(result);
    }

    private async Task StopAtFirstErrorAsync(CancellationToken cancellation)
    {
        var stopped = false;
        while (_firstError is { } first && first < _stoppedAt)
        {
            await StopBeforeAsync(first, cancellation).ConfigureAwait(false);
            stopped = true;
        }
        if (stopped) await FlushJoinAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// The barrier: rows before <paramref name="limit"/> are sent (parked ones too) and get their results; none after it is
    /// sent. With -Wait the results are still held: the caller flushes them, with the erroring row's, in one wait.
    /// </summary>
    private async Task StopBeforeAsync(long limit, CancellationToken cancellation)
    {
        _stoppedAt = Math.Min(_stoppedAt, limit);
        foreach (var batch in _batcher.Complete()) await DispatchAsync(batch, cancellation).ConfigureAwait(false);
        await DrainParkedAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// With -Wait: waits for the held rows' submissions and reports them. Under -ErrorAction Stop every one of these rows
    /// was sent already, so stopping at the first error could only lose what the others became: every row's result comes
    /// out first, in input order, and then the errors, the first of which ends the run (docs/write-contract.md, rule 4).
    /// </summary>
    private async Task FlushJoinAsync(CancellationToken cancellation)
    {
        if (_join is null) return;
        var rows = await _join.FlushAsync(WaitTimeout, (done, total) => Progress($"Waiting for submissions: {done} of {total} complete"), cancellation)
            .ConfigureAwait(false);
        if (!StopAtBadRow)
        {
            foreach (var row in rows) Report(row);
            return;
        }
        foreach (var row in rows) _host.Report(row);
        foreach (var row in rows)
            if (row.IsError()) _host.ReportError(row);
    }

    /// <summary>A row's result, and its error right after it when it is one.</summary>
    private void Report(RowResult result)
    {
        _host.Report(result);
        if (result.IsError()) _host.ReportError(result);
    }

    /// <summary>Sends a closed batch, or parks it when it needs a current quantity an unfinished write may still change.</summary>
    private async Task DispatchAsync(ItemChangeBatch batch, CancellationToken cancellation)
    {
        var rows = new List<ItemChange>();
        foreach (var change in batch.Items)
        {
            if (change.Sequence >= _stoppedAt) Finish(Stopped(change));
            else if (_journalFailure is not null) Finish(JournalUnavailable(change));
            else rows.Add(change);
        }
        if (rows.Count == 0) return;
        if (rows.Count < batch.Items.Count) batch = ItemChangeBatch.Of(rows);
        if (await InLaneAsync(batch, _parked.Count, cancellation).ConfigureAwait(false))
        {
            // Behind a parked batch of the same action: its rows keep their order.
            _parked.Add(batch);
            return;
        }
        if ((await SendOrKeepAsync(batch, cancellation).ConfigureAwait(false)).Kept is { } blocked) _parked.Add(blocked);
    }

    /// <summary>
    /// A row joins its action's open batch, which may go after a later row of another; so before it does, an
    /// open batch that holds the same item of the same action named the other way (ActionId, or tracker and
    /// order) goes first: an item's changes reach the API in input order, however the rows name the action.
    /// </summary>
    private async Task DispatchOtherNameAsync(ItemChange change, CancellationToken cancellation)
    {
        var byActionId = change.ActionId is not null;
        foreach (var open in _batcher.Open.Where(o => o.ByActionId != byActionId && o.HasSku(change.Sku)).ToList())
        {
            if (!await SameActionAsync(open, ItemChangeBatch.Of(new[] { change }), cancellation).ConfigureAwait(false)) continue;
            _batcher.Take(open);
            await DispatchAsync(open, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>Whether a parked batch before <paramref name="before"/> changes the same action, whichever way each names it.</summary>
    private async Task<bool> InLaneAsync(ItemChangeBatch batch, int before, CancellationToken cancellation)
    {
        for (var i = 0; i < before && i < _parked.Count; i++)
            if (await SameActionAsync(_parked[i], batch, cancellation).ConfigureAwait(false)) return true;
        return false;
    }

    /// <summary>One action, by one name, or by both (ActionId and its tracker and Oid, from its record; when that cannot be read, taken as the same).</summary>
    private async Task<bool> SameActionAsync(ItemChangeBatch a, ItemChangeBatch b, CancellationToken cancellation)
    {
        if (a.ActionKey == b.ActionKey) return true;
        if (a.ByActionId == b.ByActionId) return false;
        var (byId, byOrder) = a.ByActionId ? (a, b) : (b, a);
        try
        {
            var (tracker, oid) = await _names.OfAsync(byId.ActionKey, cancellation).ConfigureAwait(false);
            return WriteScope.TrackerOrderKey(tracker, oid) == byOrder.ActionKey;
        }
        catch (ImpactNotFoundException)
        {
            return false;
        }
        catch (Exception e) when (e is ImpactApiException or ImpactResponseException)
        {
            return true;
        }
    }

    /// <summary>Sends the batch if nothing blocks it; returns what must wait (null when nothing does) and the BatchIds it waits for.</summary>
    private async Task<(ItemChangeBatch? Kept, IReadOnlyCollection<string> Blocking)> SendOrKeepAsync(ItemChangeBatch batch, CancellationToken cancellation)
    {
        var none = Array.Empty<string>();
        var blocked = await BlockersAsync(batch, cancellation).ConfigureAwait(false);
        var rows = new List<ItemChange>();
        var waiting = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var change in batch.Items)
        {
            if (!blocked.TryGetValue(change, out var writes))
            {
                rows.Add(change);
                continue;
            }
            if (writes.FirstOrDefault(w => w.IsUnknown) is { } unknown)
            {
                Finish(Result(change, RowStatus.Failed, errorId: ErrorKinds.EarlierWriteUnknown.Id, field: BaseField(change), message:
                    $"{BaseField(change)} needs Sku '{change.Sku}''s current quantity, and the write {unknown.OriginSeenBy(this)} sent to it at {unknown.SentAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z has an unknown outcome, so no current quantity can be trusted; nothing was sent."));
                continue;
            }
            rows.Add(change);
            foreach (var write in writes) waiting.Add(write.BatchId!);
        }
        rows = rows.Where(KeepUnlessStopped).ToList();
        if (rows.Count == 0) return (null, none);
        var remaining = rows.Count == batch.Items.Count ? batch : ItemChangeBatch.Of(rows);
        if (waiting.Count > 0) return (remaining, waiting);
        await SendAsync(remaining, cancellation).ConfigureAwait(false);
        return (null, none);
    }

    /// <summary>
    /// For each row that needs a current quantity, the unfinished writes to its item: by the same name, and by
    /// the action's other name (tracker and Oid, from its own record) when writes by that form are held.
    /// An unknown outcome is looked for among the submissions once before it blocks.
    /// </summary>
    private async Task<Dictionary<ItemChange, List<QueuedWrite>>> BlockersAsync(ItemChangeBatch batch, CancellationToken cancellation)
    {
        var blocked = new Dictionary<ItemChange, List<QueuedWrite>>();
        var computed = batch.Items.Where(c => c.NeedsCurrentQuantity && c.ActionId is not null).ToList();
        if (computed.Count == 0) return blocked;
        var actionId = computed[0].ActionId!;
        string? otherName = null;
        if (_queued.AnyByTrackerAndOrder)
        {
            try
            {
                var (tracker, oid) = await _names.OfAsync(actionId, cancellation).ConfigureAwait(false);
                if (tracker is not null && oid is not null) otherName = WriteScope.TrackerOrderKey(tracker, oid);
            }
            catch (ImpactNotFoundException)
            {
                // No such action: the items read says so to each row.
            }
            catch (Exception e) when (e is ImpactApiException or ImpactResponseException)
            {
                foreach (var change in computed)
                    blocked[change] = new List<QueuedWrite> { new(new WriteScope(actionId, null, null, null), null, DateTimeOffset.UtcNow, $"by tracker and order (whose action could not be told: {e.Message})") };
                return blocked;
            }
        }
        foreach (var change in computed)
        {
            var writes = _queued.Touching(actionId, change.Sku).ToList();
            if (otherName is not null) writes.AddRange(_queued.Touching(otherName, change.Sku));
            writes.RemoveAll(w => w.JournalRequest is not null && w.JournalRequest == change.Replaces);
            foreach (var unknown in writes.Where(w => w.IsUnknown && !w.LookedUp && w.Payload is not null).ToList())
                await LookUpAsync(unknown, cancellation).ConfigureAwait(false);
            if (writes.Count > 0) blocked[change] = writes;
        }
        return blocked;
    }

    private async Task LookUpAsync(QueuedWrite unknown, CancellationToken cancellation)
    {
        unknown.LookedUp = true;
        Records.ImpactSubmission? found;
        try
        {
            found = await _reconciler.FindAsync(unknown.Payload!, DateTimeOffset.UtcNow - unknown.SentAt, _claimed, cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ImpactApiException or ImpactResponseException)
        {
            _client.Log.Verbose($"The submission of the write {unknown.OriginSeenBy(this)} sent could not be looked up: {e.Message}");
            return;
        }
        if (found?.BatchId is not { } batchId) return;
        _queued.Resolve(unknown, batchId);
        if (unknown.JournalRequest is { } request)
            RecordQuietly(new JournalRecord { Request = request, Status = JournalStatus.Queued, BatchId = batchId, QueuedUri = found.Uri, At = DateTimeOffset.UtcNow });
    }

    /// <summary>
    /// Sends the parked batches: each that no earlier parked batch of its action holds back, if nothing blocks it
    /// any more; then a wait for the writes that block the rest, and again, until none is left, or failing what
    /// is still blocked when the wait ends.
    /// </summary>
    private async Task DrainParkedAsync(CancellationToken cancellation)
    {
        var timer = Stopwatch.StartNew();
        while (_parked.Count > 0)
        {
            var blocking = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < _parked.Count; i++)
            {
                if (await InLaneAsync(_parked[i], i, cancellation).ConfigureAwait(false)) continue;
                var head = _parked[i];
                _parked.RemoveAt(i);
                var rows = head.Items.Where(c => c.Sequence < _stoppedAt && _journalFailure is null).ToList();
                foreach (var change in head.Items.Except(rows)) Finish(change.Sequence >= _stoppedAt ? Stopped(change) : JournalUnavailable(change));
                var (kept, waits) = rows.Count == 0 ? (null, Array.Empty<string>()) : await SendOrKeepAsync(ItemChangeBatch.Of(rows), cancellation).ConfigureAwait(false);
                if (kept is null)
                {
                    // Sent or settled: what stood behind it may be free now.
                    i--;
                    continue;
                }
                _parked.Insert(i, kept);
                blocking.UnionWith(waits);
            }
            if (_parked.Count == 0) break;
            var left = WaitTimeout - timer.Elapsed;
            IReadOnlyList<SubmissionWaitResult> waited = Array.Empty<SubmissionWaitResult>();
            if (left > TimeSpan.Zero && blocking.Count > 0)
            {
                var waiter = Waiter();
                waiter.Progress = (done, total) => Progress($"Waiting for {total - done} earlier write(s) before reading current quantities");
                waited = await waiter.WaitAsync(blocking, left, cancellation).ConfigureAwait(false);
                foreach (var result in waited) Seen(result);
            }
            if (waited.Count == 0 || waited.All(w => w.Status is SubmissionWaitStatus.TimedOut or SubmissionWaitStatus.Unreadable))
            {
                var why = waited.FirstOrDefault(w => w.Status is SubmissionWaitStatus.TimedOut or SubmissionWaitStatus.Unreadable);
                var earlier = why is null ? "" : $" ({why.BatchId}: {why.Message.TrimEnd('.')})";
                foreach (var change in _parked.SelectMany(b => b.Items))
                    Finish(change.NeedsCurrentQuantity
                        ? Result(change, RowStatus.Failed, errorId: ErrorKinds.EarlierWritePending.Id, field: BaseField(change), message:
                            $"{BaseField(change)} needs Sku '{change.Sku}''s current quantity, and an earlier write to it{earlier} had not completed when the wait of {WaitTimeout.TotalSeconds:0} s ended; nothing was sent (an absolute Quantity needs no current quantity).")
                        : Result(change, RowStatus.Failed, errorId: ErrorKinds.EarlierWritePending.Id, field: "ActionId", message:
                            $"ActionId {change.ActionKey} has an earlier row of this run waiting for an earlier write{earlier}, and this row keeps its place behind it, so it was not sent when the wait of {WaitTimeout.TotalSeconds:0} s ended."));
                _parked.Clear();
            }
        }
    }

    /// <summary>A submission seen at its end: the journal learns it, so a later run need not ask again.</summary>
    private void Seen(SubmissionWaitResult waited)
    {
        if (_journal?.ByBatchId(waited.BatchId) is not { } request) return;
        var status = waited.Status switch
        {
            SubmissionWaitStatus.Complete => JournalStatus.Complete,
            SubmissionWaitStatus.Failed => JournalStatus.SubmissionFailed,
            _ => (JournalStatus?)null,
        };
        if (status is { } s && request.Status != s)
            RecordQuietly(new JournalRecord { Request = request.Id, Status = s, BatchId = waited.BatchId, At = DateTimeOffset.UtcNow, Message = s == JournalStatus.SubmissionFailed ? waited.Message : null });
    }

    private async Task SendAsync(ItemChangeBatch batch, CancellationToken cancellation)
    {
        if (!_modifications.HasRoom(batch.ActionKey))
        {
            foreach (var change in batch.Items)
                Finish(Result(change, RowStatus.Failed, errorId: ErrorKinds.ModificationLimit.Id, field: "ActionId",
                    message: $"ActionId {batch.ActionKey} would get more than {ModificationLimit:N0} modifications from this run, and the API allows at most {ModificationLimit:N0} per action; it was not sent."));
            return;
        }
        var sending = await ResolveQuantitiesAsync(batch.Items, cancellation).ConfigureAwait(false);
        sending = sending.Where(s => KeepUnlessStopped(s.Change)).ToList();
        if (sending.Count == 0) return;
        var changes = sending.Select(s => s.Change).ToList();
        var form = batch.Form(sending.Select(s => s.Sent).ToList());
        var request = new ApiRequest(HttpMethod.Put, _client.Path("Actions"), form) { Idempotent = changes.All(c => !c.IsRelative) };
        var payload = request.Body!;
        var description = $"PUT {changes.Count} item change(s) ({string.Join(", ", sending.Select(Describe))}) with Reason {batch.Reason}";
        var decision = await _host.ShouldSendAsync($"action {batch.ActionKey}", description).ConfigureAwait(false);
        if (decision != SendDecision.Send)
        {
            if (decision == SendDecision.Rehearse) Rehearse(batch.ActionKey, sending);
            foreach (var change in changes)
                Finish(decision == SendDecision.CannotAsk
                    ? Result(change, RowStatus.NotSent, errorId: ErrorKinds.ConfirmationUnavailable.Id, message: SendDecisions.CannotAskMessage())
                    : Result(change, RowStatus.NotSent, message: "Not sent: " + description));
            return;
        }

        var first = changes[0];
        var scope = new WriteScope(first.ActionId, first.ActionTrackerId, first.OrderId, changes.Select(c => c.Sku));
        var requestId = Guid.NewGuid().ToString("N");
        var sentAt = DateTimeOffset.UtcNow;
        try
        {
            _journal?.Record(new JournalRecord
            {
                Request = requestId, Status = JournalStatus.Sending, ActionId = first.ActionId, ActionTrackerId = first.ActionTrackerId, OrderId = first.OrderId,
                Skus = changes.Select(c => c.Sku).ToList(), Rows = changes.Select(c => new JournalRow
                {
                    Key = c.JournalKey, Row = c.Row, Relative = c.IsRelative, Effect = c.Effect,
                    ActionId = c.Effect is null ? null : c.ActionId, ActionTrackerId = c.Effect is null ? null : c.ActionTrackerId,
                    OrderId = c.Effect is null ? null : c.OrderId,
                }).ToList(),
                Payload = payload, At = sentAt, Account = _account,
            });
        }
        catch (JournalException e)
        {
            _journalFailure ??= e;
            foreach (var change in changes) Finish(JournalUnavailable(change));
            return;
        }
        _modifications.Sent(batch.ActionKey);
        _sent += changes.Count;
        var origin = changes.Count == 1 ? $"row {first.Row}" : $"rows {string.Join(", ", changes.Select(c => c.Row))}";
        // Known before it is sent: if the run is cancelled or killed in flight, the session still knows an item may change.
        var write = new QueuedWrite(scope, null, sentAt, origin, payload, requestId) { Run = this };
        _queued.Add(write);
        var timer = Stopwatch.StartNew();
        try
        {
            var receipt = SingleRecordParser.ParseReceipt(await _client.SendForBodyAsync(request, cancellation).ConfigureAwait(false));
            Accepted(changes, receipt.BatchId, receipt.QueuedUri, write);
        }
        catch (ImpactApiException e) when (!e.OutcomeUnknown)
        {
            _queued.Forget(write);
            RecordQuietly(new JournalRecord { Request = requestId, Status = JournalStatus.Failed, At = DateTimeOffset.UtcNow, Message = e.Message });
            var errorId = e.ConnectionClosed ? ErrorKinds.ConnectionClosed.Id : e.StatusCode is >= 400 and < 500 and not 429 ? ErrorKinds.ApiRefused.Id : ErrorKinds.ApiUnavailable.Id;
            FinishTogether(changes.Select((change, i) => Result(change, RowStatus.Failed, errorId: errorId, field: RefusalFields.For(e, i + 1, changes.Count), message: e.Message)));
        }
        catch (Exception e) when (e is ImpactApiException or ImpactResponseException)
        {
            // The answer was lost, or was a 2xx that could not be read: the API may well have queued the write.
            _client.Log.Verbose($"The answer to {description} was lost ({e.Message}); looking for its submission.");
            Records.ImpactSubmission? found = null;
            Exception? lookupFailure = null;
            try
            {
                found = await _reconciler.FindAsync(payload, timer.Elapsed, _claimed, cancellation).ConfigureAwait(false);
            }
            catch (Exception lookup) when (lookup is ImpactApiException or ImpactResponseException)
            {
                lookupFailure = lookup;
                _client.Log.Verbose($"The submission lookup failed too: {lookup.Message}");
            }
            if (found?.BatchId is { } batchId)
            {
                Accepted(changes, batchId, found.Uri ?? _client.Path("APISubmissions/" + batchId), write);
                return;
            }
            write.LookedUp = true;
            RecordQuietly(new JournalRecord { Request = requestId, Status = JournalStatus.OutcomeUnknown, At = DateTimeOffset.UtcNow, Message = e.Message });
            FinishTogether(changes.Select(change => Result(change, RowStatus.OutcomeUnknown, errorId: ErrorKinds.OutcomeUnknown.Id,
                message: lookupFailure is null
                    ? $"{e.Message} No submission for it was found; it was not resent. Check the action before sending it again."
                    : $"{e.Message} Its submission could not be looked for ({lookupFailure.Message}); it was not resent. Check the action before sending it again.")));
        }
    }

    private void Accepted(IReadOnlyList<ItemChange> changes, string batchId, string queuedUri, QueuedWrite write)
    {
        _claimed.Add(batchId);
        _queued.Resolve(write, batchId);
        // A row sent again in place of an earlier run's unknown one (absolute, so queued after it, it decides the item).
        foreach (var change in changes.Where(c => c.Replaces is not null))
            foreach (var replaced in _queued.OfJournalRequest(change.Replaces!).Where(w => w.IsUnknown))
                _queued.Release(replaced, change.Sku);
        var journalled = RecordQuietly(new JournalRecord { Request = write.JournalRequest!, Status = JournalStatus.Queued, BatchId = batchId, QueuedUri = queuedUri, At = DateTimeOffset.UtcNow });
        FinishTogether(changes.Select(change => Result(change, RowStatus.Queued, batchId, queuedUri, message: journalled ? null : _journalFailure!.Message)));
    }

    /// <summary>Journals an answer; when the journal fails, the run stops before its next request (the answer itself stands).</summary>
    private bool RecordQuietly(JournalRecord record)
    {
        if (_journal is null) return true;
        try
        {
            _journal.Record(record);
            return true;
        }
        catch (JournalException e)
        {
            _journalFailure ??= e;
            return false;
        }
    }

    /// <summary>
    /// A row as it goes out: the Quantity sent, the current one it was worked out from (null when the row gave it), and
    /// the rehearsed earlier row it was worked out from instead, under -WhatIf.
    /// </summary>
    private sealed record Sending(ItemChange Change, ItemChange Sent, int? Current, Rehearsed? Base = null);

    /// <summary>What a rehearsed row would leave on its item: the Quantity it would send.</summary>
    private sealed record Rehearsed(int Quantity, long Row, long Sequence);

    /// <summary>A batch the host rehearsed (-WhatIf) counts, for the later rows of its items, as sent.</summary>
    private void Rehearse(string actionKey, IReadOnlyList<Sending> sending)
    {
        if (!_rehearsed.TryGetValue(actionKey, out var items)) _rehearsed[actionKey] = items = new Dictionary<string, Rehearsed>(StringComparer.Ordinal);
        foreach (var s in sending)
        {
            items[s.Sent.Sku] = new Rehearsed(s.Sent.Quantity!.Value, s.Change.Row, s.Change.Sequence);
            if (s.Change.ActionId is null) _rehearsedSkusByTrackerAndOrder.Add(s.Sent.Sku);
        }
    }

    /// <summary>
    /// The latest rehearsed row of an item, by its ActionId or (when a row named an action by tracker and order and
    /// changed the same Sku) by its other name, read from the action's record as <see cref="BlockersAsync"/> does.
    /// </summary>
    private async Task<Rehearsed?> RehearsedAsync(string actionId, string sku, CancellationToken cancellation)
    {
        if (_rehearsed.Count == 0) return null;
        var found = _rehearsed.TryGetValue(actionId, out var byId) && byId.TryGetValue(sku, out var r) ? r : null;
        if (!_rehearsedSkusByTrackerAndOrder.Contains(sku)) return found;
        try
        {
            var (tracker, oid) = await _names.OfAsync(actionId, cancellation).ConfigureAwait(false);
            if (tracker is not null && oid is not null && _rehearsed.TryGetValue(WriteScope.TrackerOrderKey(tracker, oid), out var byName)
                && byName.TryGetValue(sku, out var named) && (found is null || named.Sequence > found.Sequence))
                found = named;
        }
        catch (Exception e) when (e is ImpactNotFoundException or ImpactApiException or ImpactResponseException)
        {
            // The action's other name cannot be told: what the rows by ActionId rehearsed is all there is to build on.
        }
        return found;
    }

    /// <summary>The Quantity each row sends: its own, or the item's current one (plus its QuantityChange), read now that nothing pending can change it.</summary>
    private async Task<List<Sending>> ResolveQuantitiesAsync(IReadOnlyList<ItemChange> changes, CancellationToken cancellation)
    {
        var ready = new List<Sending>();
        foreach (var change in changes)
        {
            if (!change.NeedsCurrentQuantity)
            {
                ready.Add(new Sending(change, change, null));
                continue;
            }
            var actionId = change.ActionId!;
            IReadOnlyDictionary<string, int> known;
            try
            {
                known = await _quantities.GetAsync(actionId, cancellation).ConfigureAwait(false);
            }
            catch (ImpactNotFoundException e)
            {
                Finish(Result(change, RowStatus.Failed, errorId: ErrorKinds.ItemNotFound.Id, field: "ActionId", message: $"ActionId '{actionId}' names no action: {e.Message.TrimEnd('.')}; nothing was sent."));
                continue;
            }
            catch (Exception e) when (e is ImpactApiException or ImpactResponseException)
            {
                Finish(Result(change, RowStatus.Failed, errorId: ErrorKinds.ApiUnavailable.Id, field: "Quantity",
                    message: $"Quantity could not be read from the item, and the API requires it with every change ({e.Message.TrimEnd('.')}); nothing was sent."));
                continue;
            }
            if (!known.TryGetValue(change.Sku, out var current))
            {
                Finish(Result(change, RowStatus.Failed, errorId: ErrorKinds.ItemNotFound.Id, field: "Sku",
                    message: $"Sku '{change.Sku}' is not an item of action {actionId}, whose items are {string.Join(", ", known.Keys.Take(10))}{(known.Count > 10 ? ", …" : "")}; nothing was sent."));
                continue;
            }
            // Under -WhatIf an earlier rehearsed row of the item is the base, as its sent write would be in the real run.
            var rehearsed = await RehearsedAsync(actionId, change.Sku, cancellation).ConfigureAwait(false);
            var from = rehearsed?.Quantity ?? current;
            var quantity = (long)from + (change.QuantityChange ?? 0);
            if (quantity is < 0 or > int.MaxValue)
            {
                var fromText = rehearsed is null ? $"{from}" : $"{from} ({RehearsedFrom(rehearsed, current)})";
                Finish(Result(change, RowStatus.Failed, errorId: ErrorKinds.InvalidRow.Id, field: "QuantityChange", message:
                    $"QuantityChange {change.QuantityChange:+#;-#} would take Sku '{change.Sku}' of action {actionId} from {fromText} to {quantity}, "
                    + (quantity < 0 ? "below 0" : $"past the largest quantity the API takes ({int.MaxValue})") + "; nothing was sent."));
                continue;
            }
            ready.Add(new Sending(change, change.WithQuantity((int)quantity), current, rehearsed));
        }
        return ready;
    }

    private void Finish(RowResult result)
    {
        _answered++;
        if (StopAtBadRow && result.IsError() && result.Sequence < (_firstError ?? long.MaxValue)) _firstError = result.Sequence;
        foreach (var ready in _order.Add(result))
        {
            if (_join is not null) _join.Hold(ready);
            else if (_together is not null) _together.Add(ready);
            else Report(ready);
        }
    }

    /// <summary>Results made ready while the rows of one request are finished together (<see cref="FinishTogether"/>).</summary>
    private List<RowResult>? _together;

    /// <summary>
    /// Finishes the rows of one request: every result made ready comes out before any of their errors, so under
    /// -ErrorAction Stop the first error cannot hide what the other rows of the same request became (they were sent).
    /// </summary>
    private void FinishTogether(IEnumerable<RowResult> results)
    {
        _together = new List<RowResult>();
        try
        {
            foreach (var result in results) Finish(result);
        }
        finally
        {
            var ready = _together;
            _together = null;
            foreach (var row in ready) _host.Report(row);
            foreach (var row in ready)
                if (row.IsError()) _host.ReportError(row);
        }
    }

    /// <summary>Under -ErrorAction Stop, a row after one that just failed is not sent: it gets its "not sent" result instead.</summary>
    private bool KeepUnlessStopped(ItemChange change)
    {
        if (!StopAtBadRow || _firstError is not { } first || change.Sequence < first) return true;
        Finish(Stopped(change));
        return false;
    }

    private void Progress(string activity) => _host.Progress(new WriteProgress(_read, _sent, _answered, activity));

    private static string BaseField(ItemChange change) => change.QuantityChange is null ? "Quantity" : "QuantityChange";

    private static RowResult Result(ItemChange change, RowStatus status, string? batchId = null, string? queuedUri = null,
        string? errorId = null, string? field = null, string? message = null) => new()
    {
        Row = change.Row, Sequence = change.Sequence, Source = change.Source, ActionId = change.ActionId, ActionTrackerId = change.ActionTrackerId,
        OrderId = change.OrderId, Sku = change.Sku, State = status, BatchId = batchId, QueuedUri = queuedUri, ErrorId = errorId, Field = field, Message = message,
    };

    private static RowResult Stopped(ItemChange change) => Result(change, RowStatus.NotSent, errorId: null,
        message: "Not sent: the run stops at an earlier row's error (-ErrorAction Stop).");

    private RowResult JournalUnavailable(ItemChange change) => Result(change, RowStatus.NotSent, errorId: ErrorKinds.JournalUnavailable.Id,
        message: $"Not sent: {_journalFailure!.Message}");

    private static string Describe(Sending sending)
    {
        var (change, sent, current, rehearsed) = (sending.Change, sending.Sent, sending.Current, sending.Base);
        var from = rehearsed is null ? "" : $"; {rehearsed.Quantity} " + RehearsedFrom(rehearsed, current);
        var origin = change.QuantityChange is { } c ? $" ({rehearsed?.Quantity ?? current} {(c < 0 ? "-" : "+")} {Math.Abs(c)}{from})"
            : change.Quantity is null ? $" (unchanged{from})" : "";
        return sent.Sku + $" Quantity={sent.Quantity}{origin}"
               + (sent.Amount is { } a ? $" Amount={Money(a)}" : "")
               + (sent.Delta is { } d ? $" ItemSubTotalDelta={Money(d)}" : "")
               + (sent.Category is { } category ? $" Category='{category}'" : "")
               + (sent.ItemName is { } name ? $" ItemName='{name}'" : "")
               + (sent.Rebate is { } r ? $" Rebate={Money(r)}" : "");
    }

    /// <summary>Where a rehearsal's base came from, said beside the quantity, since the item holds another.</summary>
    private static string RehearsedFrom(Rehearsed rehearsed, int? current) =>
        $"as rehearsed for row {rehearsed.Row}, not the current {current}";

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public void Dispose() => _journal?.Dispose();
}
