using System;
using System.Collections.Generic;

namespace ImpactActions.Core.Validation;

/// <summary>
/// The documented code lists ([ACTIONS] and [CAPTURES] in docs/api-reference.md), for tab completion and for spelling a
/// documented code as documented. Both lists are open: an account may configure its own codes.
/// </summary>
public static class ApiCodes
{
    /// <summary>[ITEM-PUT]: "Always submit ORDER_UPDATE as the reason for an item-level update."</summary>
    public const string DefaultItemReason = "ORDER_UPDATE";

    /// <summary>[ACTIONS], DispositionCode: "Submit ORDER_UPDATE as the default value for updating an action."</summary>
    public const string DefaultDispositionCode = "ORDER_UPDATE";

    public static readonly IReadOnlyList<string> Reasons = new[]
    {
        "ORDER_UPDATE", "ITEM_RETURNED", "CONS_FRAUD", "CONS_ERROR", "ORDER_ERROR", "PUB_ACT_DISPUTE", "ADV_ACT_DISPUTE",
        "NOT_COMPLIANCE_TERMS", "ITEM_OUT_OF_STOCK", "TEST_ACTION", "PARTNER_NOT_ACTIVE", "CREDITED_DIFFERENT_MP", "OTHER", "RESET",
    };

    public static readonly IReadOnlyList<string> DispositionCodes = new[]
    {
        "REJECTED", "CONS_INFO_INVALID", "CONS_ERROR", "CONS_FRAUD", "ITEM_RETURNED", "ITEM_OUT_OF_STOCK", "ORDER_ERROR",
        "PUB_ACT_DISPUTE", "NOT_COMPLIANCE_TERMS", "MP_RETURNED", "OTHER", "CREDITED_DIFFERENT_MP", "ADV_ACT_DISPUTE", "TEST_ACTION",
    };

    public static readonly IReadOnlyList<string> States = new[] { "PENDING", "APPROVED", "REVERSED" };

    private static bool Contains(IReadOnlyList<string> list, string value)
    {
        foreach (var item in list)
            if (string.Equals(item, value, StringComparison.Ordinal)) return true;
        return false;
    }
}
