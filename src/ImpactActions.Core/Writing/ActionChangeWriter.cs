using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Errors;
using ImpactActions.Core.Http;
using ImpactActions.Core.Json;
using ImpactActions.Core.Validation;

namespace ImpactActions.Core.Writing;

/// <summary>
/// Action-level updates (Amount, CustomerStatus, DispositionCode, Reason or RESET) and reversals
/// (DELETE with a DispositionCode). Codes are open lists (seed 001: "Default reason codes", "Custom
/// disposition codes may be used if configured"): a documented code is spelled as documented, any
/// other code is sent as written for the API to judge. An update always carries a DispositionCode,
/// ORDER_UPDATE unless given. Both kinds are absolute, so both are retried like reads.
/// </summary>
public sealed class ActionChangeWriter
{
    private readonly ImpactApiClient _client;
    private readonly IWriteHost _host;
    private readonly ActionNames _names;

    public ActionChangeWriter(ImpactApiClient client, IWriteHost host)
    {
        _client = client;
        _host = host;
        _names = new ActionNames(client);
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

    /// <summary>Whether the change sets the action's Amount to 0, which reverses a tracked action (seed 001): it deserves the confirmation a reversal gets.</summary>
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
        _client.Connection.QueuedWrites.Add(write);
        try
        {
            var receipt = SingleRecordParser.ParseReceipt(await _client.SendForBodyAsync(request, cancellation).ConfigureAwait(false));
            _client.Connection.QueuedWrites.Resolve(write, receipt.BatchId);
            return Result(RowStatus.Queued, receipt.BatchId, receipt.QueuedUri);
        }
        catch (ImpactApiException e) when (!e.OutcomeUnknown)
        {
            _client.Connection.QueuedWrites.Forget(write);
            var errorId = e.ConnectionClosed ? ErrorKinds.ConnectionClosed.Id : e.StatusCode is >= 400 and < 500 and not 429 ? ErrorKinds.ApiRefused.Id : ErrorKinds.ApiUnavailable.Id;
            return Result(RowStatus.Failed, errorId: errorId, field: e.FieldErrors.FirstOrDefault()?.Field, message: e.Message);
        }
        catch (System.Exception e) when (e is ImpactApiException or ImpactResponseException)
        {
            // An absolute change: sending it again is harmless, so the user may simply run it again.
            return Result(RowStatus.OutcomeUnknown, errorId: ErrorKinds.OutcomeUnknown.Id, message: $"{e.Message} Check the action (Get-ImpactAction -ActionId) before sending it again.");
        }
    }
}
