using System.Collections.Generic;
using System.Linq;

namespace ImpactActions.Core.Validation;

/// <summary>Checks one row before anything is sent; every problem is reported with the field it is in.</summary>
public static class ItemChangeValidator
{
    public static (ItemChange? Change, IReadOnlyList<RowError> Errors) Validate(ItemChangeInput input)
    {
        var errors = new List<(string Field, string Message)>();
        var (actionId, tracker, orderId) = FieldRules.Identity(input.ActionId, input.ActionTrackerId, input.OrderId, errors);

        var sku = FieldRules.Text("Sku", input.Sku, errors);
        if (sku is null) errors.Add(("Sku", "is required."));

        var quantity = FieldRules.Integer("Quantity", input.Quantity, 0, int.MaxValue, errors);
        var amount = FieldRules.Decimal("Amount", input.Amount, allowNegative: false, errors);
        var delta = FieldRules.Decimal("Delta", input.Delta, allowNegative: true, errors);
        var quantityGiven = FieldRules.IsGiven(input.Quantity);
        var deltaGiven = FieldRules.IsGiven(input.Delta);
        if (!quantityGiven && !deltaGiven)
            errors.Add(("Quantity", "give Quantity (absolute, 0 = returned) or Delta (a relative change of the amount)."));
        if (quantityGiven && deltaGiven && !input.QuantityWithDelta)
            errors.Add(("Delta", "a row with both Quantity and Delta is refused unless both are meant (QuantityWithDelta)."));
        if (FieldRules.IsGiven(input.Amount) && deltaGiven)
            errors.Add(("Delta", "give Amount (absolute) or Delta (relative), not both."));
        if (delta == 0m) errors.Add(("Delta", "is 0, which changes nothing."));

        var reason = FieldRules.Text("Reason", input.Reason, errors)?.ToUpperInvariant() ?? ApiCodes.DefaultItemReason;
        if (!ApiCodes.IsReason(reason) || reason == "RESET")
            errors.Add(("Reason", $"'{reason}' is not a reason code the API accepts for an item change ({string.Join(", ", ApiCodes.Reasons.Where(r => r != "RESET"))})."));

        var change = new ItemChange
        {
            Row = input.Row,
            Source = input.Source,
            ActionId = actionId,
            ActionTrackerId = tracker,
            OrderId = orderId,
            Sku = sku ?? "",
            Quantity = (int?)quantity,
            Amount = amount,
            Delta = delta,
            Category = FieldRules.Text("Category", input.Category, errors),
            ItemName = FieldRules.Text("ItemName", input.ItemName, errors),
            Rebate = FieldRules.Decimal("Rebate", input.Rebate, allowNegative: false, errors),
            Reason = reason,
        };
        if (errors.Count == 0) return (change, new RowError[0]);
        return (null, errors.Select(e => new RowError(input.Row, e.Field, $"{e.Field} {e.Message}", input.Source)).ToList());
    }
}
