using System.Linq;
using ImpactActions.Core.Validation;

namespace ImpactActions.Core.Tests;

public sealed class ItemChangeValidatorTests
{
    private static ItemChangeInput Row(string? actionId = "1000.2240.1", string? sku = "12345", string? quantity = null, string? delta = null,
        string? amount = null, string? tracker = null, string? order = null, string? reason = null, string? change = null) =>
        new()
        {
            Row = 7, ActionId = actionId, Sku = sku, Quantity = quantity, Delta = delta, Amount = amount, ActionTrackerId = tracker, OrderId = order,
            Reason = reason, QuantityChange = change,
        };

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
        Assert.True(change.NeedsCurrentQuantity);
        Assert.Equal("ORDER_UPDATE", change.Reason);
    }

    [Theory]
    [InlineData("2", 2)]
    [InlineData("2.00", 2)]
    [InlineData(" 0 ", 0)]
    public void A_quantity_written_as_a_spreadsheet_writes_it_is_read(string text, int expected) =>
        Assert.Equal(expected, ItemChangeValidator.Validate(Row(quantity: text)).Change!.Quantity);

    [Fact]
    public void A_quantity_change_is_relative_and_needs_the_current_quantity()
    {
        var change = ItemChangeValidator.Validate(Row(change: "-1")).Change!;
        Assert.Equal(-1, change.QuantityChange);
        Assert.Null(change.Quantity);
        Assert.True(change.IsRelative);
        Assert.True(change.NeedsCurrentQuantity);
        Assert.NotEqual(ItemChangeValidator.Validate(Row(quantity: "1")).Change!.ContentKey, change.ContentKey);
        Assert.Equal("QuantityChange", FieldOf(Row(change: "0")));
        Assert.Equal("QuantityChange", FieldOf(Row(change: "-1", quantity: "2")));
        Assert.Equal("QuantityChange", FieldOf(Row(change: "-1.5")));
    }

    [Fact]
    public void Quantity_with_Delta_is_the_documented_form_and_accepted()
    {
        var change = ItemChangeValidator.Validate(Row(quantity: "1", delta: "-2")).Change!;
        Assert.Equal((1, -2m), (change.Quantity!.Value, change.Delta!.Value));
        Assert.False(change.NeedsCurrentQuantity);
    }

    [Fact]
    public void A_row_without_Quantity_that_names_the_action_by_order_is_refused_since_only_an_ActionId_reads_items()
    {
        var (_, errors) = ItemChangeValidator.Validate(Row(actionId: null, tracker: "2240", order: "9", delta: "-1"));
        Assert.Equal("Quantity", errors[0].Field);
        Assert.Contains("ActionId", errors[0].Message);
        Assert.NotNull(ItemChangeValidator.Validate(Row(actionId: null, tracker: "2240", order: "9", quantity: "1", delta: "-1")).Change);
    }

    [Theory]
    [InlineData("ITEM_RETURNED")]
    [InlineData("RESET")]
    [InlineData("BECAUSE")]
    public void An_item_reason_other_than_ORDER_UPDATE_is_refused_quoting_the_rule(string reason)
    {
        var (_, errors) = ItemChangeValidator.Validate(Row(quantity: "0", reason: reason));
        var error = Assert.Single(errors);
        Assert.Equal("Reason", error.Field);
        Assert.Contains("Always submit ORDER_UPDATE as the reason for an item-level update", error.Message);
        Assert.Equal("ORDER_UPDATE", ItemChangeValidator.Validate(Row(quantity: "0", reason: "order_update")).Change!.Reason);
    }

    [Theory]
    [InlineData("1000-2240-1")]
    [InlineData("IR1234")]
    [InlineData("1000.2240")]
    public void An_ActionId_not_shaped_like_one_is_refused(string actionId) => Assert.Equal("ActionId", FieldOf(Row(actionId: actionId, quantity: "1")));

    [Fact]
    public void Each_row_error_is_one_sentence_that_names_its_field_once()
    {
        var (_, errors) = ItemChangeValidator.Validate(Row(quantity: "1.5", amount: "3,49", delta: "-1"));
        Assert.All(errors, e => Assert.StartsWith(e.Field + " ", e.Message));
        Assert.All(errors, e => Assert.Equal(1, CountOf(e.Message, e.Field + " ")));
        var sentence = RowError.Sentence(errors);
        Assert.DoesNotContain(". ", sentence);
        Assert.EndsWith(".", sentence);
        Assert.StartsWith("Quantity '1.5' is not a whole number; ", sentence);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;

    [Theory]
    [InlineData(null, null, null, "ActionId")]
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
    [InlineData("3.499", "which has 3 decimals where the API takes at most 2")]
    [InlineData("123456789.00", "at most 999999.99")]
    [InlineData("1000000", "at most 999999.99")]
    [InlineData("-3.49", "negative")]
    public void An_amount_is_checked_like_the_API_would(string amount, string expected)
    {
        var (_, errors) = ItemChangeValidator.Validate(Row(quantity: "1", amount: amount));
        Assert.Equal("Amount", errors[0].Field);
        Assert.Contains(expected, errors[0].Message);
    }

    [Fact]
    public void Other_row_rules()
    {
        Assert.Equal("Quantity", FieldOf(Row()));
        Assert.Equal("Sku", FieldOf(Row(sku: " ", quantity: "1")));
        Assert.Equal("Delta", FieldOf(Row(delta: "-1", amount: "5")));
        Assert.Equal("Delta", FieldOf(Row(delta: "0")));
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
