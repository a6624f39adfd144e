using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using ImpactActions.Sandbox.Queue;

namespace ImpactActions.Sandbox.Api;

/// <summary>
/// Turns a PUT or DELETE form body into a <see cref="WriteRequest"/>, or refuses it at once with a 400
/// naming the field — what the API checks before queueing anything.
/// </summary>
public static class WriteRequestParser
{
    private const int MaxStringLength = 255;
    private const int MaxIntegerDigits = 16;
    /// <summary>[CAPTURES]: decimals of 8 digits with 2 decimal places, read as 8 digits in all, 2 of them after the point.</summary>
    private const int MaxDecimalDigits = 8;
    private const int MaxDecimalPlaces = 2;
    public const string ItemReason = "ORDER_UPDATE";

    private static readonly Regex ItemField = new("^(Sku|Quantity|Amount|ItemSubTotalDelta|Category|ItemName|Rebate)([2-9]|[1-9][0-9]+)?$", RegexOptions.CultureInvariant);
    private static readonly Regex DecimalText = new(@"^-?[0-9]+(\.[0-9]+)?$", RegexOptions.CultureInvariant);
    private static readonly Regex IntegerText = new("^[0-9]+$", RegexOptions.CultureInvariant);

    public static (WriteRequest? Request, ApiError? Error) Parse(
        IReadOnlyDictionary<string, string> form, bool reversal, string payload, BehaviourOptions behaviour)
    {
        try
        {
            var identity = ParseIdentity(form);
            return (reversal ? ParseReversal(form, identity, payload, behaviour) : ParseUpdate(form, identity, payload, behaviour), null);
        }
        catch (FieldException e)
        {
            return (null, ApiError.Validation(e.Field, e.Message));
        }
    }

    private static ActionIdentity ParseIdentity(IReadOnlyDictionary<string, string> form)
    {
        var actionId = Text(form, "ActionId");
        var tracker = Text(form, "ActionTrackerId");
        var orderId = Text(form, "OrderId");
        var oid = Text(form, "Oid");
        if (orderId is not null && oid is not null && orderId != oid)
            throw new FieldException("OrderId", "OrderId and Oid name different orders.");
        orderId ??= oid;

        if (actionId is not null && (tracker is not null || orderId is not null))
            throw new FieldException("ActionId", "Send either ActionId, or ActionTrackerId with OrderId, not both.");
        if (actionId is not null) return new ActionIdentity(actionId, null, null);
        if (tracker is null && orderId is null)
            throw new FieldException("ActionId", "ActionId, or ActionTrackerId with OrderId, is required.");
        if (tracker is null) throw new FieldException("ActionTrackerId", "ActionTrackerId is required with OrderId.");
        if (orderId is null) throw new FieldException("OrderId", "OrderId is required with ActionTrackerId.");
        return new ActionIdentity(null, (int)ParseInteger("ActionTrackerId", tracker, int.MaxValue), orderId);
    }

    private static WriteRequest ParseReversal(IReadOnlyDictionary<string, string> form, ActionIdentity identity, string payload, BehaviourOptions behaviour)
    {
        var code = Text(form, "DispositionCode") ?? throw new FieldException("DispositionCode", "DispositionCode is required to reverse an action.");
        if (!ApiCodes.IsDisposition(code, behaviour.CustomDispositionCodes))
            throw new FieldException("DispositionCode", $"'{code}' is not a disposition code of this account.");
        return new WriteRequest { Kind = WriteKind.Reversal, Identity = identity, Reason = code, DispositionCode = code, Payload = payload };
    }

    private static WriteRequest ParseUpdate(IReadOnlyDictionary<string, string> form, ActionIdentity identity, string payload, BehaviourOptions behaviour)
    {
        var reason = Text(form, "Reason") ?? throw new FieldException("Reason", "Reason is required.");
        if (!ApiCodes.Reasons.Contains(reason)) throw new FieldException("Reason", $"'{reason}' is not a valid reason code.");
        if (reason == ApiCodes.Reset)
            return new WriteRequest { Kind = WriteKind.Reset, Identity = identity, Reason = reason, Payload = payload };

        var customerStatus = Text(form, "CustomerStatus");
        if (customerStatus is not null && !behaviour.CustomerStatuses.Contains(customerStatus, StringComparer.Ordinal))
            throw new FieldException("CustomerStatus", $"'{customerStatus}' is not a customer status configured for this event type.");
        var disposition = Text(form, "DispositionCode");
        if (disposition is not null && disposition != "ORDER_UPDATE" && !ApiCodes.IsDisposition(disposition, behaviour.CustomDispositionCodes))
            throw new FieldException("DispositionCode", $"'{disposition}' is not a disposition code of this account.");

        var items = ParseItems(form, behaviour.Quirks.QuantityOptional);
        if (items.Count > 0 && reason != ItemReason)
            throw new FieldException("Reason", $"'{reason}' cannot be the reason of an item update: always submit {ItemReason} as the reason for an item-level update.");
        decimal? actionAmount = null;
        if (items.Count == 0 && Text(form, "Amount") is { } amountText)
            actionAmount = ParseDecimal("Amount", amountText, allowNegative: false);
        if (items.Count == 0 && actionAmount is null && customerStatus is null && disposition is null or ItemReason)
            throw new FieldException("Sku", "Nothing to update: send item fields (Sku, Quantity, …) or Amount, CustomerStatus or DispositionCode.");
        if (items.Count == 0 && disposition is null)
            throw new FieldException("DispositionCode", "DispositionCode is required to update an action: submit ORDER_UPDATE as the default value.");

        return new WriteRequest
        {
            Kind = items.Count > 0 ? WriteKind.ItemUpdate : WriteKind.ActionUpdate,
            Identity = identity,
            Reason = reason,
            Items = items,
            ActionAmount = actionAmount,
            CustomerStatus = customerStatus,
            DispositionCode = disposition,
            Payload = payload,
        };
    }

    private static List<ItemChange> ParseItems(IReadOnlyDictionary<string, string> form, bool quantityOptional)
    {
        var itemKeys = form.Keys.Where(k => ItemField.IsMatch(k)).ToList();
        var items = new List<ItemChange>();
        if (itemKeys.Count == 1 && itemKeys[0] == "Amount") return items; // a lone Amount is the action's amount

        var indexes = new SortedSet<int>();
        foreach (var key in itemKeys)
        {
            var index = ItemField.Match(key).Groups[2];
            indexes.Add(index.Success ? int.Parse(index.Value, CultureInfo.InvariantCulture) : 1);
        }
        var skus = new HashSet<string>(StringComparer.Ordinal);
        foreach (var index in indexes)
        {
            var suffix = index == 1 ? "" : index.ToString(CultureInfo.InvariantCulture);
            string Field(string name) => name + suffix;
            var sku = Text(form, Field("Sku")) ?? throw new FieldException(Field("Sku"), $"{Field("Sku")} is required for item {index}.");
            CheckLength(Field("Sku"), sku);
            if (!skus.Add(sku)) throw new FieldException(Field("Sku"), $"Sku '{sku}' appears twice in one request.");

            var item = new ItemChange(index, sku)
            {
                Quantity = Text(form, Field("Quantity")) is { } q ? (int)ParseInteger(Field("Quantity"), q, int.MaxValue) : null,
                Amount = Text(form, Field("Amount")) is { } a ? ParseDecimal(Field("Amount"), a, allowNegative: false) : null,
                SubTotalDelta = Text(form, Field("ItemSubTotalDelta")) is { } d ? ParseDecimal(Field("ItemSubTotalDelta"), d, allowNegative: true) : null,
                Category = Text(form, Field("Category")) is { } c ? CheckLength(Field("Category"), c) : null,
                ItemName = Text(form, Field("ItemName")) is { } n ? CheckLength(Field("ItemName"), n) : null,
                Rebate = Text(form, Field("Rebate")) is { } r ? ParseDecimal(Field("Rebate"), r, allowNegative: false) : null,
            };
            if (item.Quantity is null && !quantityOptional)
                throw new FieldException(Field("Quantity"), $"{Field("Quantity")} is required on every item update.");
            if (item.Amount is not null && item.SubTotalDelta is not null)
                throw new FieldException(Field("ItemSubTotalDelta"), $"Send {Field("Amount")} or {Field("ItemSubTotalDelta")}, not both.");
            items.Add(item);
        }
        return items;
    }

    private static string? Text(IReadOnlyDictionary<string, string> form, string name) =>
        form.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>[CAPTURES]: strings of at most 255 characters, counted as characters (Unicode code points, as a utf8mb4 column does), not UTF-16 units.</summary>
    private static string CheckLength(string field, string value) =>
        CodePoints(value) <= MaxStringLength
            ? value
            : throw new FieldException(field, $"Longer than {MaxStringLength} characters.");

    private static int CodePoints(string value)
    {
        var count = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            count++;
        }
        return count;
    }

    private static long ParseInteger(string field, string text, long max)
    {
        if (text.StartsWith('-') && IntegerText.IsMatch(text.AsSpan(1)))
            throw new FieldException(field, "Must not be negative.");
        if (!IntegerText.IsMatch(text)) throw new FieldException(field, "Not a numeric value.");
        if (text.TrimStart('0').Length > MaxIntegerDigits) throw new FieldException(field, $"More than {MaxIntegerDigits} digits.");
        var value = long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return value <= max ? value : throw new FieldException(field, "Too large.");
    }

    private static decimal ParseDecimal(string field, string text, bool allowNegative)
    {
        if (!DecimalText.IsMatch(text)) throw new FieldException(field, "Not a numeric value.");
        var negative = text.StartsWith('-');
        if (negative && !allowNegative) throw new FieldException(field, "Must not be negative.");
        var parts = text.TrimStart('-').Split('.');
        if (parts.Length == 2 && parts[1].Length > MaxDecimalPlaces) throw new FieldException(field, $"More than {MaxDecimalPlaces} decimal places.");
        if (parts[0].TrimStart('0').Length > MaxDecimalDigits - MaxDecimalPlaces)
            throw new FieldException(field, $"More than {MaxDecimalDigits} digits ({MaxDecimalDigits - MaxDecimalPlaces} before the decimal point).");
        return decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }

    private sealed class FieldException : Exception
    {
        public FieldException(string field, string message) : base(message) => Field = field;

        public string Field { get; }
    }
}
