using System.Collections.Generic;

namespace ImpactActions.Sandbox.Queue;

public enum WriteKind
{
    ItemUpdate,
    ActionUpdate,
    Reset,
    Reversal,
}

/// <summary>ActionId, or ActionTrackerId with OrderId.</summary>
public sealed record ActionIdentity(string? ActionId, int? TrackerId, string? OrderId)
{
    public override string ToString() => ActionId ?? $"{TrackerId}/{OrderId}";
}

/// <summary>A write that passed validation and waits in the queue.</summary>
public sealed record WriteRequest
{
    public required WriteKind Kind { get; init; }
    public required ActionIdentity Identity { get; init; }

    /// <summary>Reason for a PUT, DispositionCode for a reversal.</summary>
    public required string Reason { get; init; }

    public IReadOnlyList<ItemChange> Items { get; init; } = new List<ItemChange>();
    public decimal? ActionAmount { get; init; }
    public string? CustomerStatus { get; init; }
    public string? DispositionCode { get; init; }

    /// <summary>The form body as it was sent.</summary>
    public required string Payload { get; init; }
}

/// <summary>The fields for one item, from <c>Sku</c>/<c>Quantity</c>/… or their indexed <c>Sku2</c>/<c>Quantity2</c>/… forms.</summary>
public sealed record ItemChange(int Index, string Sku)
{
    public int? Quantity { get; init; }
    public decimal? Amount { get; init; }
    public decimal? SubTotalDelta { get; init; }
    public string? Category { get; init; }
    public string? ItemName { get; init; }
    public decimal? Rebate { get; init; }
}
