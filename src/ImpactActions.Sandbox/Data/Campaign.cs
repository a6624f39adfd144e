using System.Collections.Generic;

namespace ImpactActions.Sandbox.Data;

/// <summary>A program with its contract: every payout is <see cref="PayoutRate"/> of the sale amount.</summary>
public sealed record Campaign(int Id, string Name, decimal PayoutRate, IReadOnlyList<ActionTracker> Trackers);

/// <summary>An event type that records actions.</summary>
public sealed record ActionTracker(int Id, string Name, string EventCode);

public sealed record MediaPartner(int Id, string Name);
