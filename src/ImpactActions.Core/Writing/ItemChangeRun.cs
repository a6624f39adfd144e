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
using ImpactActions.Core.Json;
using ImpactActions.Core.Records;
using ImpactActions.Core.Submissions;
using ImpactActions.Core.Validation;

namespace ImpactActions.Core.Writing;

/// <summary>
/// One run of item changes (one Set-ImpactActionItem pipeline): rows are validated as they arrive,
/// batched per action, and sent as batches fill and at the end; every row gets exactly one result.
/// With a journal the run is resumable, and a relative change is never sent twice: when an answer is
/// lost, the run looks for the write's submission and otherwise reports the row's outcome as unknown.
/// </summary>
public sealed class ItemChangeRun : IDisposable
{
    private static readonly Regex IndexedField = new(@"^(?<name>[A-Za-z]+?)(?<index>[2-9]|[1-9][0-9]+)?$", RegexOptions.CultureInvariant);

    private readonly ImpactApiClient _client;
    private readonly IWriteHost _host;
    private readonly RunJournal? _journal;
    private readonly ItemChangeBatcher _batcher;
    private readonly SubmissionReconciler _reconciler;
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
        _journal = journalPath is null ? null : RunJournal.Open(journalPath);
        _claimed = new HashSet<string>(_journal?.KnownBatchIds ?? (IEnumerable<string>)Array.Empty<string>(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The host stops at the first error (-ErrorAction Stop): a bad row then sends every batch holding
    /// earlier rows before its result, so those rows are not lost when the error ends the run, and nothing
    /// after it is sent. Otherwise batches stay open across a bad row (one request per action).
    /// </summary>
    public bool StopAtBadRow { get; set; }

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
                Message = string.Join(" ", errors.Select(e => e.Message)),
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
                    catch (ImpactApiException lookup) when (change.IsRelative)
                    {
                        // Without the lookup the outcome stays unknown, and a delta is never sent on a guess.
                        Finish(Result(change, RowStatus.OutcomeUnknown, errorId: "OutcomeUnknown",
                            message: $"An earlier run lost this row's answer, and its submission could not be looked up ({lookup.Message}); it was not resent."));
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
                    break;
            }
            toSend.Add(change);
        }
        if (toSend.Count == 0) return;

        var form = batch.Form(toSend);
        var request = new ApiRequest(HttpMethod.Put, _client.Path("Actions"), form) { Idempotent = toSend.All(c => !c.IsRelative) };
        var payload = request.Body!;
        var description = $"PUT {toSend.Count} item change(s) ({string.Join(", ", toSend.Select(Describe))}) with Reason {batch.Reason}";
        if (!_host.ShouldSend($"action {batch.ActionKey}", description))
        {
            foreach (var change in toSend) Finish(Result(change, RowStatus.NotSent, message: "Not sent: " + description));
            return;
        }

        var timer = Stopwatch.StartNew();
        _journal?.Record(toSend.Select(c => Entry(c, JournalStatus.Sending, null, null, payload)));
        try
        {
            var body = await _client.SendForBodyAsync(request, cancellation).ConfigureAwait(false);
            var receipt = SingleRecordParser.ParseReceipt(body);
            Accepted(toSend, receipt.BatchId, receipt.QueuedUri, payload);
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
                return;
            }
            _journal?.Record(toSend.Select(c => Entry(c, JournalStatus.OutcomeUnknown, null, null, payload, e.Message)));
            foreach (var change in toSend)
                Finish(Result(change, RowStatus.OutcomeUnknown, errorId: "OutcomeUnknown",
                    message: $"{e.Message} No submission for it was found; it was not resent. Check the action before sending it again."));
        }
        catch (ImpactApiException e)
        {
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

    private static string Describe(ItemChange change) =>
        change.Sku + (change.Quantity is { } q ? $" Quantity={q}" : "") + (change.Amount is { } a ? $" Amount={a.ToString("0.00", CultureInfo.InvariantCulture)}" : "")
        + (change.Delta is { } d ? $" ItemSubTotalDelta={d.ToString("0.00", CultureInfo.InvariantCulture)}" : "");

    public void Dispose() => _journal?.Dispose();
}
