using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ImpactActions.Core.Validation;

/// <summary>A validated item change, ready to be batched and sent.</summary>
public sealed class ItemChange
{
    public long Row { get; init; }
    public object? Source { get; init; }
    public string? ActionId { get; init; }
    public long? ActionTrackerId { get; init; }
    public string? OrderId { get; init; }
    public string Sku { get; init; } = "";
    public int? Quantity { get; init; }
    public decimal? Amount { get; init; }
    public decimal? Delta { get; init; }
    public string? Category { get; init; }
    public string? ItemName { get; init; }
    public decimal? Rebate { get; init; }
    public string Reason { get; init; } = ApiCodes.DefaultItemReason;

    /// <summary>A relative change: sending it twice would apply it twice.</summary>
    public bool IsRelative => Delta is not null;

    /// <summary>The action it changes, as the user named it.</summary>
    public string ActionKey => ActionId ?? $"{ActionTrackerId?.ToString(CultureInfo.InvariantCulture)}/{OrderId}";

    /// <summary>
    /// A digest of what the row asks for (identity and change, not its position), so a journal can
    /// recognise the same row in a rerun and an edited row is not mistaken for it.
    /// </summary>
    public string ContentKey
    {
        get
        {
            var text = string.Join("\u001f", ActionId, ActionTrackerId, OrderId, Sku, Quantity, Number(Amount), Number(Delta), Category, ItemName, Number(Rebate), Reason);
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
            var hex = new StringBuilder(32);
            for (var i = 0; i < 16; i++) hex.Append(hash[i].ToString("x2", CultureInfo.InvariantCulture));
            return hex.ToString();
        }
    }

    private static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    public override string ToString() => $"row {Row}: {ActionKey} Sku {Sku}";
}
