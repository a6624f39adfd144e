using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ImpactActions.Core.Writing;

/// <summary>What one write touches: its action, as the write named it, and the Skus it changes (none listed: every item).</summary>
public sealed class WriteScope
{
    public WriteScope(string? actionId, long? actionTrackerId, string? orderId, IEnumerable<string>? skus)
    {
        ActionId = actionId;
        ActionTrackerId = actionTrackerId;
        OrderId = orderId;
        Skus = skus is null ? null : new HashSet<string>(skus, StringComparer.Ordinal);
    }

    public string? ActionId { get; }
    public long? ActionTrackerId { get; }
    public string? OrderId { get; }

    /// <summary>The Skus changed; null for an action-level write (an amount, a reversal, a reset), which touches every item.</summary>
    public IReadOnlyCollection<string>? Skus { get; }

    public bool ByActionId => ActionId is not null;

    /// <summary>The action as named: its ActionId, or "tracker/order".</summary>
    public string ActionKey => ActionId ?? TrackerOrderKey(ActionTrackerId, OrderId);

    public static string TrackerOrderKey(long? tracker, string? orderId) => $"{tracker?.ToString(CultureInfo.InvariantCulture)}/{orderId}";

    public bool Touches(string sku) => Skus is null || Skus.Contains(sku);

    public override string ToString() => ActionKey + (Skus is null ? " (every item)" : " Sku " + string.Join(", ", Skus));
}
