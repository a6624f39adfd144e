namespace ImpactActions.Core.Validation;

/// <summary>
/// One requested item change as the user supplied it: text, as Import-Csv gives it, where an empty
/// cell means "not given". <see cref="ItemChangeValidator"/> turns it into an <see cref="ItemChange"/>.
/// </summary>
public sealed class ItemChangeInput
{
    /// <summary>Position in the input (1-based), for messages and results.</summary>
    public long Row { get; set; }

    /// <summary>The caller's own object for this row, handed back with its result.</summary>
    public object? Source { get; set; }

    public string? ActionId { get; set; }
    public string? ActionTrackerId { get; set; }
    public string? OrderId { get; set; }
    public string? Sku { get; set; }

    /// <summary>Absolute quantity (0 = returned).</summary>
    public string? Quantity { get; set; }

    /// <summary>Change of the quantity from its current value (-1 = one unit returned), sent as the absolute Quantity it leads to.</summary>
    public string? QuantityChange { get; set; }

    /// <summary>Absolute sale amount of the item.</summary>
    public string? Amount { get; set; }

    /// <summary>Relative change of the item's sale amount, sent as ItemSubTotalDelta.</summary>
    public string? Delta { get; set; }

    public string? Category { get; set; }
    public string? ItemName { get; set; }
    public string? Rebate { get; set; }

    /// <summary>ORDER_UPDATE, the one reason an item update takes; empty means ORDER_UPDATE.</summary>
    public string? Reason { get; set; }

    private readonly System.Collections.Generic.List<(string Field, string Message)> _problems = new();

    /// <summary>What the binding found wrong before the fields were read (a misspelled column, two columns for one field): the row is refused with them.</summary>
    public void AddProblem(string field, string clause) => _problems.Add((field, clause));

    internal System.Collections.Generic.IReadOnlyList<(string Field, string Message)> Problems => _problems;
}
