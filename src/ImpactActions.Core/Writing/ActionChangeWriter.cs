using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Errors;
using ImpactActions.Core.Http;
using ImpactActions.Core.Json;
using ImpactActions.Core.Submissions;
using ImpactActions.Core.Validation;

namespace ImpactActions.Core.Writing;

/// <summary>
/// Action-level updates (Amount, CustomerStatus, DispositionCode, Reason or RESET) and reversals
/// (DELETE with a DispositionCode). Codes are open lists ([ACTIONS]: "Default reason codes", "Custom
/// disposition codes may be used if configured"): a documented code is spelled as documented, any
/// other code is sent as written for the API to judge. An update always carries a DispositionCode,
/// ORDER_UPDATE unless given. Both kinds are absolute, so both are retried like reads.
/// </summary>
public sealed class ActionChangeWriter
{
    private readonly ImpactApiClient _client;
    private readonly IWriteHost _host;
    private readonly ActionNames _names;
    private readonly SubmissionReconciler _reconciler;

    /// <summary>The account's: a BatchId this writer was answered or credited with is never credited to another lost answer.</summary>
    private readonly ClaimedBatches _claimed;

    public ActionChangeWriter(ImpactApiClient client, IWriteHost host)
    {
        _client = client;
        _host = host;
        _names = new ActionNames(client);
        _reconciler = new SubmissionReconciler(new SubmissionReader(client));
        _claimed = client.Connection.Account.Claimed;
    }

    /// <summary>A code as the API will get it; one the module does not know is sent as written, and the verbose stream says so.</summary>
    private string? Code(string field, string? text, IReadOnlyList<string> known, List<(string Field, string Message)> errors)
    {
        var code = FieldRules.Code(field, text, known, errors, out var unknown);
        if (unknown)
            _client.Log.Verbose($"{field} '{code}' is not one of the documented codes; it is sent as written, for the API to accept if the account configured it.");
        return code;
    }

    public Task<RowResult> UpdateAsync(ActionChangeInput input, CancellationToken cancellation) => SendAsync(input, reversal: false, cancellation);

    public Task<RowResult> ReverseAsync(ActionChangeInput input, CancellationToken cancellation) => SendAsync(input, reversal: true, cancellation);

    /// <summary>Whether the change sets the action's Amount to 0, which reverses a tracked action ([ACTIONS]): it deserves the confirmation a reversal gets.</summary>
    public static bool Reverses(ActionChangeInput input) =>
        FieldRules.Decimal("Amount", input.Amount, allowNegative: false, new List<(string, string)>()) == 0m;

    /// <summary>The result of a change the user declined to confirm.</summary>
    public static RowResult Declined(ActionChangeInput input) => new()
    {
        Row = input.Row, Source = input.Source, ActionId = input.ActionId, OrderId = input.OrderId, State = RowStatus.NotSent,
        Message = "Not sent: the reversal an Amount of 0 makes was not confirmed.",
    };

    /// <summary>The result of a change whose confirmation could not be asked (a non-interactive session): an error naming <paramref name="parameter"/>.</summary>
    public static RowResult Unconfirmable(ActionChangeInput input, string parameter) => new()
    {
        Row = input.Row, Source = input.Source, ActionId = input.ActionId, ActionTrackerId = long.TryParse(input.ActionTrackerId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var tracker) ? tracker : null,
        OrderId = input.OrderId, State = RowStatus.NotSent, ErrorId = ErrorKinds.ConfirmationUnavailable.Id,
        Message = SendDecisions.CannotAskMessage(parameter),
    };

    private async Task<RowResult> SendAsync(ActionChangeInput input, bool reversal, CancellationToken cancellation)
    {
        var errors = new List<(string Field, string Message)>(input.Problems);
        var form = new List<KeyValuePair<string, string>>();
        void Add(string key, string? value)
        {
            if (value is not null) form.Add(new KeyValuePair<string, string>(key, value));
        }

        var (actionId, tracker, orderId) = FieldRules.Identity(input.ActionId, input.ActionTrackerId, input.OrderId, errors);
        // Named both ways, it goes by ActionId once its record says both name it.
        Add("ActionId", actionId);
        if (actionId is null)
        {
            Add("ActionTrackerId", tracker?.ToString(CultureInfo.InvariantCulture));
            Add("OrderId", orderId);
        }

        string target;
        if (reversal)
        {
            var disposition = Code("DispositionCode", input.DispositionCode, ApiCodes.DispositionCodes, errors);
            if (disposition is null && !FieldRules.IsGiven(input.DispositionCode))
                errors.Add(("DispositionCode", "DispositionCode is missing, and the API requires it to reverse an action"));
            Add("DispositionCode", disposition);
            target = "DELETE";
        }
        else
        {
            var reason = Code("Reason", input.Reason, ApiCodes.Reasons, errors) ?? ApiCodes.DefaultItemReason;
            var disposition = Code("DispositionCode", input.DispositionCode, ApiCodes.DispositionCodes.Concat(new[] { ApiCodes.DefaultDispositionCode }).ToList(), errors)
                              ?? ApiCodes.DefaultDispositionCode;
            var amount = FieldRules.Decimal("Amount", input.Amount, allowNegative: false, errors);
            var status = FieldRules.Text("CustomerStatus", input.CustomerStatus, errors);
            if (reason != "RESET" && !FieldRules.IsGiven(input.Amount) && !FieldRules.IsGiven(input.CustomerStatus) && !FieldRules.IsGiven(input.DispositionCode))
                errors.Add(("Amount", "Amount is missing, and so are CustomerStatus and DispositionCode, so there is nothing to change (or give Reason RESET)"));
            if (reason == "RESET" && (FieldRules.IsGiven(input.Amount) || FieldRules.IsGiven(input.CustomerStatus) || FieldRules.IsGiven(input.DispositionCode)))
                errors.Add(("Reason", "Reason RESET returns the action to its original state and takes no other change, so Amount, CustomerStatus and DispositionCode go in a change of their own"));
            Add("Reason", reason);
            Add("Amount", amount?.ToString("0.00", CultureInfo.InvariantCulture));
            Add("CustomerStatus", status);
            Add("DispositionCode", disposition);
            target = "PUT";
        }

        var key = actionId ?? $"{tracker}/{orderId}";
        RowResult Result(RowStatus status, string? batchId = null, string? uri = null, string? errorId = null, string? field = null, string? message = null) => new()
        {
            Row = input.Row, Source = input.Source, ActionId = actionId, ActionTrackerId = tracker, OrderId = orderId, State = status,
            BatchId = batchId, QueuedUri = uri, ErrorId = errorId, Field = field, Message = message,
        };
        if (errors.Count > 0)
            return Result(RowStatus.Failed, errorId: ErrorKinds.InvalidRow.Id, field: errors[0].Field, message: FieldRules.Sentence(errors.Select(e => e.Message)));
        if (actionId is not null && tracker is not null)
        {
            try
            {
                var (recordTracker, oid) = await _names.OfAsync(actionId, cancellation).ConfigureAwait(false);
                if (recordTracker != tracker || !string.Equals(oid, orderId, System.StringComparison.Ordinal))
                    return Result(RowStatus.Failed, errorId: ErrorKinds.InvalidRow.Id, field: "ActionId", message:
                        $"ActionId {actionId} is the action of ActionTrackerId {recordTracker} and OrderId '{oid}', not of ActionTrackerId {tracker} and OrderId '{orderId}' as also given; nothing was sent.");
            }
            catch (Paging.ImpactNotFoundException)
            {
                return Result(RowStatus.Failed, errorId: ErrorKinds.ItemNotFound.Id, field: "ActionId", message: $"ActionId {actionId} names no action; nothing was sent.");
            }
            catch (System.Exception e) when (e is ImpactApiException or ImpactResponseException)
            {
                return Result(RowStatus.Failed, errorId: ErrorKinds.ApiUnavailable.Id, field: "ActionId", message:
                    $"ActionId {actionId} and ActionTrackerId/OrderId both name the action, and its record, which says whether they agree, could not be read ({e.Message.TrimEnd('.')}); nothing was sent.");
            }
        }

        var request = new ApiRequest(reversal ? HttpMethod.Delete : HttpMethod.Put, _client.Path("Actions"), form);
        var description = $"{target} {request.Body}";
        if (await _host.ShouldSendAsync($"action {key}", description).ConfigureAwait(false) is var decision && decision != SendDecision.Send)
            return Result(RowStatus.NotSent, errorId: decision == SendDecision.CannotAsk ? ErrorKinds.ConfirmationUnavailable.Id : null,
                message: decision == SendDecision.CannotAsk ? SendDecisions.CannotAskMessage() : "Not sent: " + description);
        // It touches every item of the action: a later item row that needs a current quantity waits for it (docs/write-contract.md).
        var write = new QueuedWrite(new WriteScope(actionId, tracker, orderId, null), null, System.DateTimeOffset.UtcNow, $"{target} of action {key}", request.Body);
        var queued = _client.Connection.QueuedWrites;
        queued.Add(write);
        var timer = Stopwatch.StartNew();
        try
        {
            var answer = await _client.SendWriteAsync(request, cancellation).ConfigureAwait(false);
            var receipt = SingleRecordParser.ParseReceipt(answer.Body);
            _claimed.Add(receipt.BatchId);
            if (answer.EarlierAttemptLost is not { } lost)
            {
                queued.Resolve(write, receipt.BatchId);
                return Result(RowStatus.Queued, receipt.BatchId, receipt.QueuedUri);
            }
            return await AcceptedOnRetryAsync(receipt.BatchId, receipt.QueuedUri, lost, request.Body!, write, timer.Elapsed, Result, cancellation).ConfigureAwait(false);
        }
        catch (ImpactApiException e) when (!e.OutcomeUnknown)
        {
            queued.Forget(write);
            var errorId = e.ConnectionClosed ? ErrorKinds.ConnectionClosed.Id : e.StatusCode is >= 400 and < 500 and not 429 ? ErrorKinds.ApiRefused.Id : ErrorKinds.ApiUnavailable.Id;
            return Result(RowStatus.Failed, errorId: errorId, field: e.FieldErrors.Count > 0 ? e.FieldErrors[0].Field : null, message: e.Message);
        }
        catch (System.Exception e) when (e is ImpactApiException or ImpactResponseException)
        {
            // The answer was lost (or a later attempt's refusal cannot speak for an earlier one): looked for like any lost answer.
            _client.Log.Verbose($"The answer to {description} was lost ({e.Message}); looking for its submission.");
            System.Exception? lookupFailure = null;
            Records.ImpactSubmission? found = null;
            try
            {
                found = await _reconciler.FindAsync(request.Body!, timer.Elapsed, _claimed, cancellation).ConfigureAwait(false);
            }
            catch (System.Exception lookup) when (lookup is ImpactApiException or ImpactResponseException)
            {
                lookupFailure = lookup;
                _client.Log.Verbose($"The submission lookup failed too: {lookup.Message}");
            }
            if (found?.BatchId is { } batchId)
            {
                queued.Resolve(write, batchId);
                return Result(RowStatus.Queued, batchId, found.Uri ?? _client.Path("APISubmissions/" + batchId));
            }
            write.LookedUp = true;
            // An absolute change: sending it again is harmless, so the user may simply run it again.
            return Result(RowStatus.OutcomeUnknown, errorId: ErrorKinds.OutcomeUnknown.Id, message: lookupFailure is null
                ? $"{e.Message} No submission for it was found. Check the action (Get-ImpactAction -ActionId) before sending it again."
                : $"{e.Message} Its submission could not be looked for ({lookupFailure.Message.TrimEnd('.')}). Check the action (Get-ImpactAction -ActionId) before sending it again.");
        }
    }

    /// <summary>
    /// A write accepted on a retry, after an earlier attempt's answer was lost: that attempt may have been queued too,
    /// and then it, queued first, makes the change, and the retry only repeats it (a repeated reversal fails, the
    /// action being reversed already). The earlier attempt's submission is looked for, and the row follows whichever
    /// was queued first; when the list cannot say, the outcome is unknown, and the message names the retry's BatchId
    /// and what to check (docs/write-contract.md, rule 1).
    /// </summary>
    private async Task<RowResult> AcceptedOnRetryAsync(string retryBatchId, string retryUri, string lost, string payload, QueuedWrite write, System.TimeSpan sentAgo,
        System.Func<RowStatus, string?, string?, string?, string?, string?, RowResult> result, CancellationToken cancellation)
    {
        var queued = _client.Connection.QueuedWrites;
        _client.Log.Verbose($"{write.Origin} was accepted as submission {retryBatchId} on a retry, after an earlier attempt's answer was lost ({lost}); looking for that attempt's submission.");
        EarlierAttemptSearch search;
        string? lookupFailure = null;
        try
        {
            search = await _reconciler.FindEarlierAttemptAsync(payload, sentAgo, retryBatchId, _claimed, cancellation).ConfigureAwait(false);
        }
        catch (System.Exception lookup) when (lookup is ImpactApiException or ImpactResponseException)
        {
            lookupFailure = lookup.Message.TrimEnd('.');
            _client.Log.Verbose($"The submission lookup failed: {lookup.Message}");
            search = new EarlierAttemptSearch(null, null, Listed: false);
        }
        const string repeat = "repeats the change (a repeated reversal fails, the action being reversed already, though the change was made)";
        if (search.Earlier?.BatchId is { } earlierBatchId)
        {
            var earlierUri = search.Earlier.Uri ?? _client.Path("APISubmissions/" + earlierBatchId);
            // Listed newest first within whole seconds: only a later date shows the earlier attempt queued after the retry.
            var retryFirst = search.Retry?.SubmissionDate is { } retryDate && search.Earlier.SubmissionDate is { } earlierDate && earlierDate > retryDate;
            var (kept, keptUri, other) = retryFirst ? (retryBatchId, retryUri, earlierBatchId) : (earlierBatchId, earlierUri, retryBatchId);
            queued.Resolve(write, kept);
            queued.Add(new QueuedWrite(write.Scope, other, write.SentAt, write.Origin + " (sent again)", payload));
            return result(RowStatus.Queued, kept, keptUri, null, null, retryFirst
                ? $"An earlier attempt's answer was lost ({lost}) and it was sent again; that attempt was queued too, as submission {other}, after this one's {kept}, which makes the change: {other} {repeat}. Follow {kept}."
                : $"The first attempt's answer was lost ({lost}) and it was sent again: submission {kept} is the first attempt's, which makes the change, and the retry's, {other}, {repeat}. Follow {kept}.");
        }
        if (search.Retry is not null)
        {
            // The list reached back to the retry and holds no earlier one: the earlier attempt was not queued.
            queued.Resolve(write, retryBatchId);
            return result(RowStatus.Queued, retryBatchId, retryUri, null, null, null);
        }
        // Pending as the retry, and also as an attempt of unknown fate, for a later computed value to mind.
        queued.Resolve(write, retryBatchId);
        queued.Add(new QueuedWrite(write.Scope, null, write.SentAt, write.Origin + " (an attempt whose answer was lost)", payload) { LookedUp = true });
        var why = lookupFailure is not null ? $"the submissions could not be read: {lookupFailure}" : search.Listed ? "the list of submissions does not show it yet" : "the API has no list of submissions";
        return result(RowStatus.OutcomeUnknown, null, null, ErrorKinds.OutcomeUnknown.Id, null,
            $"The first attempt's answer was lost ({lost}) and it was sent again; the retry was queued as submission {retryBatchId}, but whether the first attempt was queued too cannot be told ({why}). "
            + $"If it was, it makes the change and {retryBatchId} {repeat}, so {retryBatchId} alone does not say whether the change was made: check the action (Get-ImpactAction -ActionId) before sending it again.");
    }
}
