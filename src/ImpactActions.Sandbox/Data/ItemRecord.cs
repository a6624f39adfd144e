using System;

namespace ImpactActions.Sandbox.Data;

/// <summary>One line item of an action. Immutable: a change makes a new record.</summary>
public sealed record ItemRecord
{
    public required string Sku { get; init; }
    public required string ItemName { get; init; }
    public required string Category { get; init; }
    public required int Quantity { get; init; }

    /// <summary>The price of one unit when the order was recorded; a quantity change keeps it.</summary>
    public required decimal UnitPrice { get; init; }

    public required decimal SaleAmount { get; init; }
    public required decimal Payout { get; init; }
    public decimal Rebate { get; init; }
    public DateTimeOffset? AdjustmentDate { get; init; }
    public string AdjustmentReason { get; init; } = "";
}
