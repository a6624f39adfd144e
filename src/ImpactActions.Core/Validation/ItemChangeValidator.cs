using System;
using System.Collections.Generic;
using System.Linq;

namespace ImpactActions.Core.Validation;

/// <summary>Checks one row before anything is sent; every problem is reported with the field it is in.</summary>
public static class ItemChangeValidator
{
    /// <summary>[ITEM-PUT], on Reason: "Always submit ORDER_UPDATE as the reason for an item-level update."</summary>
    public const string ReasonRule = "Always submit ORDER_UPDATE as the reason for an item-level update";

    public static (ItemChange? Change, IReadOnlyList<RowError> Errors) Validate(ItemChangeInput input)
    {
        var errors = new List<(string Field, string Message)>(input.Problems);
        var (actionId, tracker, orderId) = FieldRules.Identity(input.ActionId, input.ActionTrackerId, input.OrderId, errors);

        var sku = FieldRules.Token("Sku", input.Sku, errors);
        if (sku is null) errors.Add(("Sku", "Sku is missing, and it names the item to change"));

        var quantity = FieldRules.Whole("Quantity", input.Quantity, 0, int.MaxValue, errors);
        var quantityChange = FieldRules.Whole("QuantityChange", input.QuantityChange, -int.MaxValue, int.MaxValue, errors);
        var amount = FieldRules.Decimal("Amount", input.Amount, allowNegative: false, errors);
        var delta = FieldRules.Decimal("Delta", input.Delta, allowNegative: true, errors);
        var category = FieldRules.Text("Category", input.Category, errors);
        var itemName = FieldRules.Text("ItemName", input.ItemName, errors);
        var rebate = FieldRules.Decimal("Rebate", input.Rebate, allowNegative: false, errors);

        var quantityGiven = FieldRules.IsGiven(input.Quantity);
        if (quantityGiven && FieldRules.IsGiven(input.QuantityChange))
            errors.Add(("QuantityChange", "QuantityChange and Quantity are both given, and a row sets the new quantity or changes it, not both"));
        if (quantityChange == 0) errors.Add(("QuantityChange", "QuantityChange is 0, which changes nothing"));
        if (FieldRules.IsGiven(input.Amount) && FieldRules.IsGiven(input.Delta))
            errors.Add(("Delta", "Delta and Amount are both given, and the API takes a relative change of the amount instead of an Amount, not with it"));
        if (delta == 0m) errors.Add(("Delta", "Delta is 0, which changes nothing"));
        var changes = new[] { input.Quantity, input.QuantityChange, input.Amount, input.Delta, input.Category, input.ItemName, input.Rebate };
        if (!changes.Any(FieldRules.IsGiven))
            errors.Add(("Quantity", "Quantity is missing, and so is every other change (QuantityChange, Amount, Delta, Category, ItemName, Rebate)"));
        else if (!quantityGiven && actionId is null && tracker is not null)
            errors.Add(("Quantity", "Quantity is missing, and the API requires it on every item update; it can be read from the item only when the row names the action by ActionId"));

        var reason = FieldRules.Token("Reason", input.Reason, errors);
        if (reason is not null && !string.Equals(reason, ApiCodes.DefaultItemReason, System.StringComparison.OrdinalIgnoreCase))
            errors.Add(("Reason", $"Reason '{reason}' cannot be sent on an item update, since the API page says \"{ReasonRule}\"; leave Reason empty or write ORDER_UPDATE"));

        if (errors.Count > 0)
            return (null, errors.Select(e => new RowError(input.Row, e.Field, e.Message + ".", input.Source)).ToList());
        var change = new ItemChange
        {
            Row = input.Row,
            Source = input.Source,
            ActionId = actionId,
            ActionTrackerId = tracker,
            OrderId = orderId,
            Sku = sku!,
            Quantity = (int?)quantity,
            QuantityChange = (int?)quantityChange,
            Amount = amount,
            Delta = delta,
            Category = category,
            ItemName = itemName,
            Rebate = rebate,
            Reason = ApiCodes.DefaultItemReason,
        };
        return (change, Array.Empty<RowError>());
    }
}
