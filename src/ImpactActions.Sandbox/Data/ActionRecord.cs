using System;
using System.Collections.Generic;

namespace ImpactActions.Sandbox.Data;

/// <summary>
/// One action as the store holds it. Immutable: the submission queue replaces a record whole,
/// so a reader always sees a consistent action without taking a lock.
/// </summary>
public sealed record ActionRecord
{
    /// <summary>Position in the store (newest created first); never changes.</summary>
    public required int Slot { get; init; }

    public required string Id { get; init; }
    public required Campaign Campaign { get; init; }
    public required ActionTracker Tracker { get; init; }
    public required MediaPartner Partner { get; init; }
    public required ActionState State { get; init; }
    public required long AdId { get; init; }
    public required decimal Amount { get; init; }
    public required decimal Payout { get; init; }
    public required decimal DeltaAmount { get; init; }
    public required decimal DeltaPayout { get; init; }
    public required decimal IntendedAmount { get; init; }
    public required decimal IntendedPayout { get; init; }
    public required DateTimeOffset ReferringDate { get; init; }
    public required DateTimeOffset EventDate { get; init; }
    public required DateTimeOffset CreationDate { get; init; }
    public required DateTimeOffset LockingDate { get; init; }
    public DateTimeOffset? ClearedDate { get; init; }

    /// <summary>What StartDate/EndDate filter on. Not in the API's action object, so never serialized there.</summary>
    public required DateTimeOffset LastUpdated { get; init; }

    public required string ReferringType { get; init; }
    public required string PromoCode { get; init; }
    public required string Oid { get; init; }
    public required string CustomerStatus { get; init; }
    public string DispositionCode { get; init; } = "";
    public required IReadOnlyList<ItemRecord> Items { get; init; }

    /// <summary>Modifications applied through the API so far.</summary>
    public int Modifications { get; init; }

    /// <summary>The record as generated, for Reason=RESET; null on the original itself.</summary>
    public ActionRecord? Original { get; init; }

    public ActionRecord OriginalOrSelf => Original ?? this;

    public bool IsLockedAt(DateTimeOffset now) => LockingDate <= now;
}
