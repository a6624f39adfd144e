using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ImpactActions.Core.Validation;

namespace ImpactActions.Core.Batching;

/// <summary>Item changes to one action with one reason, sent as one PUT with indexed fields.</summary>
public sealed class ItemChangeBatch
{
    private readonly List<ItemChange> _items = new();

    public ItemChangeBatch(ItemChange first)
    {
        ActionKey = first.ActionKey;
        Reason = first.Reason;
        _items.Add(first);
    }

    /// <summary>A batch of some of another's changes (in their order), as when a run stops part-way through one.</summary>
    internal static ItemChangeBatch Of(IReadOnlyList<ItemChange> changes)
    {
        var batch = new ItemChangeBatch(changes[0]);
        for (var i = 1; i < changes.Count; i++) batch.Add(changes[i]);
        return batch;
    }

    public string ActionKey { get; }

    /// <summary>Named by ActionId (else by ActionTrackerId and OrderId).</summary>
    internal bool ByActionId => _items[0].ActionId is not null;
    public string Reason { get; }
    public IReadOnlyList<ItemChange> Items => _items;

    /// <summary>No relative change inside: sending it twice cannot change the result twice.</summary>
    public bool Idempotent => _items.All(i => !i.IsRelative);

    internal bool HasSku(string sku) => _items.Any(i => i.Sku == sku);

    internal void Add(ItemChange change) => _items.Add(change);

    /// <summary>The form body: identity and Reason, then Sku, Quantity, … for the first item and Sku2, Quantity2, … after it.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Form(IReadOnlyList<ItemChange>? only = null)
    {
        var items = only ?? _items;
        var first = items[0];
        var form = new List<KeyValuePair<string, string>>();
        void Add(string key, string? value)
        {
            if (value is not null) form.Add(new KeyValuePair<string, string>(key, value));
        }

        if (first.ActionId is not null) Add("ActionId", first.ActionId);
        else
        {
            Add("ActionTrackerId", first.ActionTrackerId!.Value.ToString(CultureInfo.InvariantCulture));
            Add("OrderId", first.OrderId);
        }
        Add("Reason", Reason);
        for (var i = 0; i < items.Count; i++)
        {
            var suffix = i == 0 ? "" : (i + 1).ToString(CultureInfo.InvariantCulture);
            var item = items[i];
            Add("Sku" + suffix, item.Sku);
            Add("Quantity" + suffix, item.Quantity?.ToString(CultureInfo.InvariantCulture));
            Add("Amount" + suffix, Money(item.Amount));
            Add("ItemSubTotalDelta" + suffix, Money(item.Delta));
            Add("Category" + suffix, item.Category);
            Add("ItemName" + suffix, item.ItemName);
            Add("Rebate" + suffix, Money(item.Rebate));
        }
        return form;
    }

    private static string? Money(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture);

    public override string ToString() => $"{ActionKey}: {_items.Count} item(s)";
}
