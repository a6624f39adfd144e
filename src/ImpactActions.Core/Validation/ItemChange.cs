using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ImpactActions.Core.Validation;

/// <summary>A validated item change, ready to be batched and sent.</summary>
public sealed class ItemChange
{
    public long Row { get; init; }

    /// <summary>The row's place among the rows its run was given (1, 2, …): orders results and stops.</summary>
    internal long Sequence { get; set; }

    /// <summary>The row's key in a journal: its content and its occurrence among identical rows.</summary>
    internal string JournalKey { get; set; } = "";

    /// <summary><see cref="EffectKey"/> as the row was given, before a quantity was filled in: what a journal knows it by.</summary>
    internal string? Effect { get; set; }

    /// <summary>The journal request of an earlier run that sent this same row with an unknown outcome, which this send replaces.</summary>
    internal string? Replaces { get; set; }
    public object? Source { get; init; }
    public string? ActionId { get; init; }
    public long? ActionTrackerId { get; init; }
    public string? OrderId { get; init; }
    public string Sku { get; init; } = "";

    /// <summary>The new quantity as the row gave it; null when it is read from the item at send time.</summary>
    public int? Quantity { get; init; }

    /// <summary>A change of the current quantity; the Quantity sent is the current one plus this.</summary>
    public int? QuantityChange { get; init; }

    public decimal? Amount { get; init; }
    public decimal? Delta { get; init; }
    public string? Category { get; init; }
    public string? ItemName { get; init; }
    public decimal? Rebate { get; init; }
    public string Reason { get; init; } = ApiCodes.DefaultItemReason;

    /// <summary>
    /// A relative change (an ItemSubTotalDelta, or a quantity computed from the current one): sending it
    /// twice, or computing it again after it was applied, would apply it twice.
    /// </summary>
    public bool IsRelative => Delta is not null || QuantityChange is not null;

    /// <summary>The API requires Quantity on every item update, and the row does not give it: it comes from the item.</summary>
    public bool NeedsCurrentQuantity => Quantity is null;

    /// <summary>The action it changes, as the user named it.</summary>
    public string ActionKey => ActionId ?? $"{ActionTrackerId?.ToString(CultureInfo.InvariantCulture)}/{OrderId}";

    /// <summary>The change as it is sent, with the Quantity worked out from the item's current one.</summary>
    public ItemChange WithQuantity(int quantity) => new()
    {
        Sequence = Sequence, JournalKey = JournalKey, Effect = Effect, Replaces = Replaces,
        Row = Row, Source = Source, ActionId = ActionId, ActionTrackerId = ActionTrackerId, OrderId = OrderId, Sku = Sku, Quantity = quantity,
        Amount = Amount, Delta = Delta, Category = Category, ItemName = ItemName, Rebate = Rebate, Reason = Reason,
    };

    /// <summary>
    /// A digest of what the row asks for (identity and change, not its position), so a journal can
    /// recognise the same row in a rerun and an edited row is not mistaken for it.
    /// </summary>
    public string ContentKey
    {
        get
        {
            var text = string.Join("\u001f", ActionId, ActionTrackerId, OrderId, Sku, Quantity, Number(Amount), Number(Delta), Category, ItemName, Number(Rebate), Reason);
            if (QuantityChange is { } change) text += "\u001fq" + change.ToString(CultureInfo.InvariantCulture);
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
            var hex = new StringBuilder(32);
            for (var i = 0; i < 16; i++) hex.Append(hash[i].ToString("x2", CultureInfo.InvariantCulture));
            return hex.ToString();
        }
    }

    /// <summary>
    /// What a row with a Delta or a QuantityChange asks for, whichever way it names its action: <see cref="ContentKey"/>
    /// without the action's names; null for other rows.
    /// </summary>
    public string? EffectKey => Delta is null && QuantityChange is null
        ? null
        : string.Join("\u001f", Sku, Quantity, Number(Amount), Number(Delta), Category, ItemName, Number(Rebate), Reason,
            QuantityChange?.ToString(CultureInfo.InvariantCulture));

    /// <summary>A number by its value, not its writing: -1, -1.0 and -1.00 are one change (a spreadsheet re-saving a file drops the zeros).</summary>
    private static string? Number(decimal? value) => value?.ToString("0.############################", CultureInfo.InvariantCulture);

    public override string ToString() => $"row {Row}: {ActionKey} Sku {Sku}";
}
