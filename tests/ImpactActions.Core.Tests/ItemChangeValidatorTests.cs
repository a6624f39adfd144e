using System.Linq;
using ImpactActions.Core.Validation;

namespace ImpactActions.Core.Tests;

public sealed class ItemChangeValidatorTests
{
    private static ItemChangeInput Row(string? actionId = "1000.2240.1", string? sku = "12345", string? quantity = null, string? delta = null,
        string? amount = null, string? tracker = null, string? order = null, string? reason = null) =>
        new() { Row = 7, ActionId = actionId, Sku = sku, Quantity = quantity, Delta = delta, Amount = amount, ActionTrackerId = tracker, OrderId = order, Reason = reason };

    private static string FieldOf(ItemChangeInput input)
    {
        var (change, errors) = ItemChangeValidator.Validate(input);
        Assert.Null(change);
        Assert.All(errors, e => Assert.Equal(7, e.Row));
        return errors[0].Field;
    }

    [Fact]
    public void Empty_cells_mean_not_given_and_never_zero()
    {
        var (change, errors) = ItemChangeValidator.Validate(Row(quantity: "", delta: "-5.25", amount: " "));
        Assert.Empty(errors);
        Assert.Null(change!.Quantity);
        Assert.Null(change.Amount);
        Assert.Equal(-5.25m, change.Delta);
        Assert.True(change.IsRelative);
        Assert.Equal("ORDER_UPDATE", change.Reason);
    }

    [Theory]
    [InlineData(null, null, null, "ActionId")]
    [InlineData("1000.2240.1", "2240", "9", "ActionId")]
    [InlineData(null, "2240", null, "OrderId")]
    [InlineData(null, null, "9", "ActionTrackerId")]
    [InlineData(null, "sale", "9", "ActionTrackerId")]
    public void Identifiers_are_one_form_or_the_other(string? actionId, string? tracker, string? order, string field) =>
        Assert.Equal(field, FieldOf(Row(actionId: actionId, tracker: tracker, order: order, quantity: "1")));

    [Theory]
    [InlineData("-1", "Quantity")]
    [InlineData("1.5", "Quantity")]
    [InlineData("12345678901234567", "Quantity")]
    [InlineData("two", "Quantity")]
    public void A_quantity_is_a_whole_number_from_zero(string quantity, string field) => Assert.Equal(field, FieldOf(Row(quantity: quantity)));

    [Theory]
    [InlineData("3,49", "decimal comma")]
    [InlineData("3.499", "decimal places")]
    [InlineData("123456789.00", "digits before the point")]
    [InlineData("-3.49", "negative")]
    public void An_amount_is_checked_like_the_API_would(string amount, string expected)
    {
        var (_, errors) = ItemChangeValidator.Validate(Row(quantity: "1", amount: amount));
        Assert.Equal("Amount", errors[0].Field);
        Assert.Contains(expected, errors[0].Message);
    }

    [Fact]
    public void Quantity_with_Delta_is_refused_unless_meant()
    {
        Assert.Equal("Delta", FieldOf(Row(quantity: "1", delta: "-2")));
        var meant = Row(quantity: "1", delta: "-2");
        meant.QuantityWithDelta = true;
        Assert.NotNull(ItemChangeValidator.Validate(meant).Change);
    }

    [Fact]
    public void Other_row_rules()
    {
        Assert.Equal("Quantity", FieldOf(Row()));
        Assert.Equal("Sku", FieldOf(Row(sku: " ", quantity: "1")));
        Assert.Equal("Delta", FieldOf(Row(delta: "-1", amount: "5")));
        Assert.Equal("Delta", FieldOf(Row(delta: "0")));
        Assert.Equal("Reason", FieldOf(Row(quantity: "1", reason: "BECAUSE")));
        Assert.Equal("Reason", FieldOf(Row(quantity: "1", reason: "RESET")));
        var longName = Row(quantity: "1");
        longName.ItemName = new string('x', 256);
        Assert.Equal("ItemName", FieldOf(longName));
    }

    [Fact]
    public void The_content_key_follows_the_change_not_the_position()
    {
        var a = ItemChangeValidator.Validate(Row(quantity: "1")).Change!;
        var moved = Row(quantity: "1");
        moved.Row = 99;
        var b = ItemChangeValidator.Validate(moved).Change!;
        var edited = ItemChangeValidator.Validate(Row(quantity: "2")).Change!;
        Assert.Equal(a.ContentKey, b.ContentKey);
        Assert.NotEqual(a.ContentKey, edited.ContentKey);
    }
}
