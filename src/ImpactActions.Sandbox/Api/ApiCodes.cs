using System;
using System.Collections.Generic;
using System.Linq;

namespace ImpactActions.Sandbox.Api;

/// <summary>The code lists of the seed documents.</summary>
public static class ApiCodes
{
    /// <summary>Reason codes a PUT accepts ([ACTIONS]' default list), plus RESET.</summary>
    public static readonly IReadOnlyCollection<string> Reasons = new HashSet<string>(StringComparer.Ordinal)
    {
        "ORDER_UPDATE", "ITEM_RETURNED", "CONS_FRAUD", "CONS_ERROR", "ORDER_ERROR", "PUB_ACT_DISPUTE",
        "ADV_ACT_DISPUTE", "NOT_COMPLIANCE_TERMS", "ITEM_OUT_OF_STOCK", "TEST_ACTION", "PARTNER_NOT_ACTIVE",
        "CREDITED_DIFFERENT_MP", "OTHER", Reset,
    };

    public const string Reset = "RESET";

    /// <summary>Documented reversal disposition codes.</summary>
    public static readonly IReadOnlyCollection<string> DispositionCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        "REJECTED", "CONS_INFO_INVALID", "CONS_ERROR", "CONS_FRAUD", "ITEM_RETURNED", "ITEM_OUT_OF_STOCK",
        "ORDER_ERROR", "PUB_ACT_DISPUTE", "NOT_COMPLIANCE_TERMS", "MP_RETURNED", "OTHER",
        "CREDITED_DIFFERENT_MP", "ADV_ACT_DISPUTE", "TEST_ACTION",
    };

    public static bool IsDisposition(string code, IEnumerable<string> custom) =>
        DispositionCodes.Contains(code) || custom.Contains(code, StringComparer.Ordinal);

    public static readonly IReadOnlyCollection<string> States = new[] { "PENDING", "APPROVED", "REVERSED" };
}
