using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Http;
using ImpactActions.Core.Json;
using ImpactActions.Core.Validation;

namespace ImpactActions.Core.Writing;

/// <summary>
/// Action-level updates (Amount, CustomerStatus, DispositionCode, Reason or RESET) and reversals
/// (DELETE with a DispositionCode: the documented codes, or an account's own). Both are absolute,
/// so both are retried like reads.
/// </summary>
public sealed class ActionChangeWriter
{
    private readonly ImpactApiClient _client;
    private readonly IWriteHost _host;

    public ActionChangeWriter(ImpactApiClient client, IWriteHost host)
    {
        _client = client;
        _host = host;
    }

    public Task<RowResult> UpdateAsync(ActionChangeInput input, CancellationToken cancellation) => SendAsync(input, reversal: false, cancellation);

    public Task<RowResult> ReverseAsync(ActionChangeInput input, CancellationToken cancellation) => SendAsync(input, reversal: true, cancellation);

    private async Task<RowResult> SendAsync(ActionChangeInput input, bool reversal, CancellationToken cancellation)
    {
        var errors = new List<(string Field, string Message)>();
        var form = new List<KeyValuePair<string, string>>();
        void Add(string key, string? value)
        {
            if (value is not null) form.Add(new KeyValuePair<string, string>(key, value));
        }

        var (actionId, tracker, orderId) = FieldRules.Identity(input.ActionId, input.ActionTrackerId, input.OrderId, errors);
        Add("ActionId", actionId);
        Add("ActionTrackerId", tracker?.ToString(CultureInfo.InvariantCulture));
        Add("OrderId", orderId);

        var disposition = FieldRules.Text("DispositionCode", input.DispositionCode, errors)?.ToUpperInvariant();
        string target;
        if (reversal)
        {
            // Custom codes an account configured are accepted: the API is the judge of those.
            if (disposition is null) errors.Add(("DispositionCode", "is required to reverse an action."));
            Add("DispositionCode", disposition);
            target = "DELETE";
        }
        else
        {
            var reason = FieldRules.Text("Reason", input.Reason, errors)?.ToUpperInvariant() ?? ApiCodes.DefaultItemReason;
            if (!ApiCodes.IsReason(reason)) errors.Add(("Reason", $"'{reason}' is not a reason code the API accepts."));
            var amount = FieldRules.Decimal("Amount", input.Amount, allowNegative: false, errors);
            var status = FieldRules.Text("CustomerStatus", input.CustomerStatus, errors);
            if (reason != "RESET" && amount is null && status is null && disposition is null)
                errors.Add(("Amount", "nothing to change: give Amount, CustomerStatus, DispositionCode, or Reason RESET."));
            Add("Reason", reason);
            Add("Amount", amount?.ToString("0.00", CultureInfo.InvariantCulture));
            Add("CustomerStatus", status);
            Add("DispositionCode", disposition);
            target = "PUT";
        }

        var key = actionId ?? $"{tracker}/{orderId}";
        RowResult Result(RowStatus status, string? batchId = null, string? uri = null, string? errorId = null, string? field = null, string? message = null) => new()
        {
            Row = input.Row, Source = input.Source, ActionId = actionId, ActionTrackerId = tracker, OrderId = orderId, Status = status,
            BatchId = batchId, QueuedUri = uri, ErrorId = errorId, Field = field, Message = message,
        };
        if (errors.Count > 0)
            return Result(RowStatus.Failed, errorId: "InvalidRow", field: errors[0].Field, message: string.Join(" ", errors.Select(e => $"{e.Field} {e.Message}")));

        var request = new ApiRequest(reversal ? HttpMethod.Delete : HttpMethod.Put, _client.Path("Actions"), form);
        var description = $"{target} {request.Body}";
        if (!_host.ShouldSend($"action {key}", description)) return Result(RowStatus.NotSent, message: "Not sent: " + description);
        try
        {
            var receipt = SingleRecordParser.ParseReceipt(await _client.SendForBodyAsync(request, cancellation).ConfigureAwait(false));
            return Result(RowStatus.Queued, receipt.BatchId, receipt.QueuedUri);
        }
        catch (ImpactApiException e)
        {
            var errorId = e.StatusCode is >= 400 and < 500 and not 429 ? "ApiRefused" : "ApiUnavailable";
            return Result(RowStatus.Failed, errorId: errorId, field: e.FieldErrors.FirstOrDefault()?.Field, message: e.Message);
        }
    }
}
