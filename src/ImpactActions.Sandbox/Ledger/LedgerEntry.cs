using System;

namespace ImpactActions.Sandbox.Ledger;

/// <summary>
/// One applied change to one field: what tests read to prove a row took effect exactly once.
/// <see cref="Sku"/> is empty for action-level changes; <see cref="Field"/> is the form field's
/// name without its index (Quantity, ItemSubTotalDelta, Amount, …), or Reversal / Reset.
/// </summary>
public sealed record LedgerEntry(long Sequence, string BatchId, string ActionId, string Sku, string Field, string Value, DateTimeOffset AppliedAt);
