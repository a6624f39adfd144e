using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Batching;
using ImpactActions.Core.Http;
using ImpactActions.Core.Journal;
using ImpactActions.Core.Paging;
using ImpactActions.Core.Json;
using ImpactActions.Core.Records;
using ImpactActions.Core.Submissions;
using ImpactActions.Core.Validation;

namespace ImpactActions.Core.Writing;

/// <summary>
/// One run of item changes (one Set-ImpactActionItem pipeline): rows are validated as they arrive,
/// batched per action, and sent as batches fill and at the end; every row gets exactly one result.
/// Every item goes out with a Quantity (seed 000: "Quantity required"): the row's own, or the item's
/// current one, read once per action and then kept up to date with what the run sends. With a journal
/// the run is resumable, and a relative change is never sent twice: when an answer is lost, the run
/// looks for the write's submission and otherwise reports the row's outcome as unknown.
/// </summary>
public sealed class ItemChangeRun : IDisposable
{
    private static readonly Regex IndexedField = new(@"^(?<name>[A-Za-z]+?)(?<index>[2-9]|[1-9][0-9]+)?$", RegexOptions.CultureInvariant);

    private readonly ImpactApiClient _client;
    private readonly IWriteHost _host;
    private readonly RunJournal? _journal;
    private readonly ItemChangeBatcher _batcher;
    private readonly SubmissionReconciler _reconciler;
    private readonly ActionReader _reader;
    private readonly Dictionary<string, Dictionary<string, int>> _quantities = new(StringComparer.Ordinal);
    private readonly HashSet<string> _itemsRead = new(StringComparer.Ordinal);
    private const int MaxActionsRemembered = 50_000;
    private readonly Dictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _occurrences = new(StringComparer.Ordinal);
    private readonly Dictionary<ItemChange, string> _keys = new();
    private readonly HashSet<string> _claimed;
    private long _seen;
    private long _done;

    public ItemChangeRun(ImpactApiClient client, IWriteHost host, string? journalPath = null, int maxItemsPerRequest = 100)
    {
        _client = client;
        _host = host;
        _batcher = new ItemChangeBatcher(maxItemsPerRequest);
        _reconciler = new SubmissionReconciler(new SubmissionReader(client));
        _reader = new ActionReader(client);
        _journal = journalPath is null ? null : RunJournal.Open(journalPath);
        _claimed = new HashSet<string>(_journal?.KnownBatchIds ?? (IEnumerable<string>)Array.Empty<string>(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The host stops at the first error (-ErrorAction Stop): a bad row then sends every batch holding
    /// earlier rows before its result, so those rows are not lost when the error ends the run, and nothing
    /// after it is sent. Otherwise batches stay open across a bad row (one request per action).
    /// </summary>
    public bool StopAtBadRow { get; set; }

    /// <summary>
    /// Send again a relative row an earlier run left with an unknown outcome, when its submission cannot
    /// be found. Off by default: a delta applied once and sent again is applied twice.
    /// </summary>
    public bool ResendUnknown { get; set; }

    /// <summary>Seed 001: "impact.com allows a maximum of 1,000 modifications per action"; one accepted write is one modification.</summary>
    public int ModificationLimit { get; set; } = 1000;

    public async Task AddAsync(ItemChangeInput input, CancellationToken cancellation)
    {
        _seen++;
        var (change, errors) = ItemChangeValidator.Validate(input);
        if (change is null)
        {
            if (StopAtBadRow)
                foreach (var batch in _batcher.Complete()) await SendAsync(batch, cancellation).ConfigureAwait(false);
            var first = errors[0];
            Finish(new RowResult
            {
                Row = input.Row, Source = input.Source, ActionId = input.ActionId, OrderId = input.OrderId, Sku = input.Sku,
                Status = RowStatus.Failed, ErrorId = "InvalidRow", Field = first.Field,
                Message = RowError.Sentence(errors),
            });
            return;
        }
        var content = change.ContentKey;
        _occurrences[content] = _occurrences.TryGetValue(content, out var n) ? n + 1 : 1;
        _keys[change] = content + "#" + _occurrences[content].ToString(CultureInfo.InvariantCulture);
        foreach (var batch in _batcher.Add(change)) await SendAsync(batch, cancellation).ConfigureAwait(false);
        _host.Progress(_seen, _done);
    }

    public async Task CompleteAsync(CancellationToken cancellation)
    {
        foreach (var batch in _batcher.Complete()) await SendAsync(batch, cancellation).ConfigureAwait(false);
        _host.Progress(_seen, _done);
    }

    private async Task SendAsync(ItemChangeBatch batch, CancellationToken cancellation)
    {
        var toSend = new List<ItemChange>();
        foreach (var change in batch.Items)
        {
            var previous = _journal?.Last(_keys[change]);
            switch (previous?.Status)
            {
                case JournalStatus.Queued:
                    Finish(Result(change, RowStatus.Skipped, previous.BatchId, previous.QueuedUri, message: $"Already accepted as {previous.BatchId} in an earlier run (journal {_journal!.Path})."));
                    continue;
                case JournalStatus.Sending or JournalStatus.OutcomeUnknown when previous.Payload is not null:
                    // An earlier run lost this answer: send again only if the API has no submission for it.
                    ImpactSubmission? found;
                    try
                    {
                        found = await _reconciler.FindAsync(previous.Payload, DateTimeOffset.UtcNow - previous.At, _claimed, cancellation).ConfigureAwait(false);
                    }
                    catch (ImpactApiException lookup) when (change.IsRelative && !ResendUnknown)
                    {
                        // Without the lookup the outcome stays unknown, and a relative change is never sent on a guess.
                        Finish(Unknown(change, previous.At, $"its submission could not be looked up ({lookup.Message})"));
                        continue;
                    }
                    catch (ImpactApiException)
                    {
                        found = null; // an absolute change may safely be sent again
                    }
                    if (found is not null)
                    {
                        Record(change, JournalStatus.Queued, found.BatchId, found.Uri, previous.Payload);
                        Finish(Result(change, RowStatus.Skipped, found.BatchId, found.Uri, message: $"An earlier run's answer was lost; the API has it as {found.BatchId}."));
                        continue;
                    }
                    if (change.IsRelative && !ResendUnknown)
                    {
                        // Not found is not proof: the list may not reach it, or not exist. Applying a relative change twice is worse than asking.
                        Finish(Unknown(change, previous.At, "no submission for it was found"));
                        continue;
                    }
                    break;
            }
            toSend.Add(change);
        }
        if (toSend.Count == 0) return;
        if (!WithinModificationLimit(batch.ActionKey, toSend)) return;
        var sending = await ResolveQuantitiesAsync(toSend, cancellation).ConfigureAwait(false);
        toSend = sending.Select(s => s.Change).ToList();
        if (toSend.Count == 0) return;

        var form = batch.Form(sending.Select(s => s.Sent).ToList());
        var request = new ApiRequest(HttpMethod.Put, _client.Path("Actions"), form) { Idempotent = toSend.All(c => !c.IsRelative) };
        var payload = request.Body!;
        var description = $"PUT {toSend.Count} item change(s) ({string.Join(", ", sending.Select(Describe))}) with Reason {batch.Reason}";
        if (!_host.ShouldSend($"action {batch.ActionKey}", description))
        {
            foreach (var change in toSend) Finish(Result(change, RowStatus.NotSent, message: "Not sent: " + description));
            return;
        }

        _requests[batch.ActionKey] = (_requests.TryGetValue(batch.ActionKey, out var requests) ? requests : 0) + 1;
        var timer = Stopwatch.StartNew();
        _journal?.Record(toSend.Select(c => Entry(c, JournalStatus.Sending, null, null, payload)));
        try
        {
            var body = await _client.SendForBodyAsync(request, cancellation).ConfigureAwait(false);
            var receipt = SingleRecordParser.ParseReceipt(body);
            Accepted(toSend, receipt.BatchId, receipt.QueuedUri, payload);
            Remember(sending);
        }
        catch (ImpactApiException e) when (e.OutcomeUnknown)
        {
            _client.Log.Verbose($"The answer to {description} was lost ({e.ApiMessage}); looking for its submission.");
            ImpactSubmission? found = null;
            try
            {
                found = await _reconciler.FindAsync(payload, timer.Elapsed, _claimed, cancellation).ConfigureAwait(false);
            }
            catch (ImpactApiException lookup)
            {
                _client.Log.Verbose($"The submission lookup failed too: {lookup.Message}");
            }
            if (found?.BatchId is not null)
            {
                Accepted(toSend, found.BatchId, found.Uri ?? _client.Path("APISubmissions/" + found.BatchId), payload);
                Remember(sending);
                return;
            }
            Forget(sending);
            _journal?.Record(toSend.Select(c => Entry(c, JournalStatus.OutcomeUnknown, null, null, payload, e.Message)));
            foreach (var change in toSend)
                Finish(Result(change, RowStatus.OutcomeUnknown, errorId: "OutcomeUnknown",
                    message: $"{e.Message} No submission for it was found; it was not resent. Check the action before sending it again."));
        }
        catch (ImpactApiException e)
        {
            Forget(sending);
            _journal?.Record(toSend.Select(c => Entry(c, JournalStatus.Failed, null, null, payload, e.Message)));
            var errorId = e.StatusCode is >= 400 and < 500 and not 429 ? "ApiRefused" : "ApiUnavailable";
            foreach (var change in toSend)
            {
                var index = toSend.IndexOf(change) + 1;
                var field = FieldFor(e, index, toSend.Count);
                Finish(Result(change, RowStatus.Failed, errorId: errorId, field: field, message: e.Message));
            }
        }
        catch (ImpactResponseException e)
        {
            // The API answered 2xx with something unreadable: it may well have queued the write.
            Forget(sending);
            _journal?.Record(toSend.Select(c => Entry(c, JournalStatus.OutcomeUnknown, null, null, payload, e.Message)));
            foreach (var change in toSend) Finish(Result(change, RowStatus.OutcomeUnknown, errorId: "OutcomeUnknown", message: e.Message));
        }
    }

    private void Accepted(IReadOnlyList<ItemChange> changes, string batchId, string queuedUri, string payload)
    {
        _claimed.Add(batchId);
        _journal?.Record(changes.Select(c => Entry(c, JournalStatus.Queued, batchId, queuedUri, payload)));
        foreach (var change in changes) Finish(Result(change, RowStatus.Queued, batchId, queuedUri));
    }

    /// <summary>The row a refusal names: "Quantity2" is the second item of the request.</summary>
    private static string? FieldFor(ImpactApiException e, int index, int count)
    {
        foreach (var error in e.FieldErrors)
        {
            var match = IndexedField.Match(error.Field);
            if (!match.Success) return error.Field;
            var fieldIndex = match.Groups["index"].Success ? int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture) : 1;
            var name = match.Groups["name"].Value == "ItemSubTotalDelta" ? "Delta" : match.Groups["name"].Value;
            if (count == 1 || fieldIndex == index || name is "ActionId" or "ActionTrackerId" or "OrderId" or "Reason") return name;
        }
        return null;
    }

    private void Record(ItemChange change, JournalStatus status, string? batchId, string? queuedUri, string? payload) =>
        _journal?.Record(new[] { Entry(change, status, batchId, queuedUri, payload) });

    private JournalEntry Entry(ItemChange change, JournalStatus status, string? batchId, string? queuedUri, string? payload, string? message = null) => new()
    {
        Key = _keys[change], Row = change.Row, Status = status, BatchId = batchId, QueuedUri = queuedUri, Payload = payload,
        At = DateTimeOffset.UtcNow, Message = message,
    };

    private static RowResult Result(ItemChange change, RowStatus status, string? batchId = null, string? queuedUri = null,
        string? errorId = null, string? field = null, string? message = null) => new()
    {
        Row = change.Row, Source = change.Source, ActionId = change.ActionId, ActionTrackerId = change.ActionTrackerId, OrderId = change.OrderId,
        Sku = change.Sku, Status = status, BatchId = batchId, QueuedUri = queuedUri, ErrorId = errorId, Field = field, Message = message,
    };

    private void Finish(RowResult result)
    {
        _done++;
        _host.Report(result);
    }

    private static string Describe(Sending sending)
    {
        var (change, sent, current) = (sending.Change, sending.Sent, sending.Current);
        var origin = change.QuantityChange is { } c ? $" ({current} {(c < 0 ? "-" : "+")} {Math.Abs(c)})" : change.Quantity is null ? " (unchanged)" : "";
        return sent.Sku + $" Quantity={sent.Quantity}{origin}"
               + (sent.Amount is { } a ? $" Amount={a.ToString("0.00", CultureInfo.InvariantCulture)}" : "")
               + (sent.Delta is { } d ? $" ItemSubTotalDelta={d.ToString("0.00", CultureInfo.InvariantCulture)}" : "");
    }

    private RowResult Unknown(ItemChange change, DateTimeOffset sentAt, string why) =>
        Result(change, RowStatus.OutcomeUnknown, errorId: "OutcomeUnknown",
            message: $"An earlier run sent this relative change at {sentAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z and lost the answer, and {why}; it was not resent, so check the item "
                     + "(Get-ImpactActionItem) or the account's submissions of that time, and rerun with -ResendUnknown only if it was not applied.");

    /// <summary>A row as it goes out: the Quantity sent, and the current one it was worked out from (null when the row gave it).</summary>
    private sealed record Sending(ItemChange Change, ItemChange Sent, int? Current);

    /// <summary>Whether this run's requests to the action (counted as each is sent) leave room for one more; if not, its rows fail unsent.</summary>
    private bool WithinModificationLimit(string actionKey, IReadOnlyList<ItemChange> changes)
    {
        var sent = _requests.TryGetValue(actionKey, out var n) ? n : 0;
        if (sent < ModificationLimit) return true;
        foreach (var change in changes)
            Finish(Result(change, RowStatus.Failed, errorId: "ModificationLimit", field: "ActionId",
                message: $"Action {actionKey} would get more than {ModificationLimit:N0} modifications from this run, and the API allows at most {ModificationLimit:N0} per action; it was not sent."));
        return false;
    }

    /// <summary>
    /// The Quantity each row sends: its own, or the item's current one (plus its QuantityChange). The
    /// current quantities of an action are read once (one GET of its items) and then follow what this
    /// run sends, because the API applies a queued write later and a second read could miss it.
    /// </summary>
    private async Task<List<Sending>> ResolveQuantitiesAsync(List<ItemChange> changes, CancellationToken cancellation)
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
            int current;
            try
            {
                var known = await CurrentQuantitiesAsync(actionId, change.Sku, cancellation).ConfigureAwait(false);
                if (!known.TryGetValue(change.Sku, out current))
                {
                    Finish(Result(change, RowStatus.Failed, errorId: "ApiRefused", field: "Sku",
                        message: $"Sku '{change.Sku}' is not an item of action {actionId}, whose items are {string.Join(", ", known.Keys.Take(10))}{(known.Count > 10 ? ", …" : "")}; nothing was sent."));
                    continue;
                }
            }
            catch (ImpactNotFoundException e)
            {
                Finish(Result(change, RowStatus.Failed, errorId: "ApiRefused", field: "ActionId", message: e.Message));
                continue;
            }
            catch (ImpactApiException e)
            {
                Finish(Result(change, RowStatus.Failed, errorId: "ApiUnavailable", field: "Quantity",
                    message: $"The item's current quantity, which the API requires with every change, could not be read ({e.Message}); nothing was sent."));
                continue;
            }
            var quantity = (long)current + (change.QuantityChange ?? 0);
            if (quantity < 0)
            {
                Finish(Result(change, RowStatus.Failed, errorId: "InvalidRow", field: "QuantityChange",
                    message: $"QuantityChange {change.QuantityChange} would take Sku '{change.Sku}' of action {actionId} from {current} to {quantity}, below 0; nothing was sent."));
                continue;
            }
            ready.Add(new Sending(change, change.WithQuantity((int)quantity), current));
        }
        return ready;
    }

    private async Task<Dictionary<string, int>> CurrentQuantitiesAsync(string actionId, string sku, CancellationToken cancellation)
    {
        var known = Known(actionId);
        if (known.ContainsKey(sku) || _itemsRead.Contains(actionId)) return known;
        await foreach (var item in _reader.ListItemsAsync(actionId, cancellation).ConfigureAwait(false))
            if (item.Sku is { } itemSku && item.Quantity is { } quantity && !known.ContainsKey(itemSku))
                known[itemSku] = quantity;
        _itemsRead.Add(actionId);
        return known;
    }

    private Dictionary<string, int> Known(string actionId)
    {
        if (_quantities.Count >= MaxActionsRemembered && !_quantities.ContainsKey(actionId))
        {
            // Memory stays bounded on a long run; an action seen this long ago is read again if it comes back.
            _quantities.Clear();
            _itemsRead.Clear();
        }
        if (!_quantities.TryGetValue(actionId, out var known)) _quantities[actionId] = known = new Dictionary<string, int>(StringComparer.Ordinal);
        return known;
    }

    /// <summary>What the run sent is the item's quantity from now on, as far as later rows of this run are concerned.</summary>
    private void Remember(IEnumerable<Sending> sent)
    {
        foreach (var s in sent)
            if (s.Sent.ActionId is { } actionId)
                Known(actionId)[s.Sent.Sku] = s.Sent.Quantity!.Value;
    }

    /// <summary>After a failure the item's quantity is no longer known: a later row reads it again.</summary>
    private void Forget(IEnumerable<Sending> sent)
    {
        foreach (var s in sent)
            if (s.Sent.ActionId is { } actionId && _quantities.TryGetValue(actionId, out var known) && known.Remove(s.Sent.Sku))
                _itemsRead.Remove(actionId);
    }

    public void Dispose() => _journal?.Dispose();
}
