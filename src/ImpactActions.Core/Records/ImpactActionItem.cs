using System;

namespace ImpactActions.Core.Records;

/// <summary>One line item of an action. <see cref="ActionId"/> is set by the reader from the action it was read for.</summary>
public sealed class ImpactActionItem
{
    public string? ActionId { get; set; }
    public string? Sku { get; set; }
    public string? ItemName { get; set; }
    public string? Category { get; set; }
    public int? Quantity { get; set; }
    public decimal? SaleAmount { get; set; }
    public string? SaleAmountCurrency { get; set; }
    public decimal? Payout { get; set; }
    public string? PayoutCurrency { get; set; }
    public decimal? Rebate { get; set; }
    public string? RebateCurrency { get; set; }
    public DateTimeOffset? AdjustmentDate { get; set; }
    public string? AdjustmentReason { get; set; }
    public string? Uri { get; set; }

    public override string ToString() => $"{ActionId}/{Sku} x{Quantity} {SaleAmount}";
}
