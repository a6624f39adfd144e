using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace ImpactActions.Sandbox.Tests;

/// <summary>Malformed writes are refused at once with a 400 naming the field, and nothing is queued.</summary>
public sealed class WriteValidationTests : IAsyncLifetime
{
    private TestSandbox _sandbox = null!;
    private string _actionId = "";
    private string _sku = "";

    public async Task InitializeAsync()
    {
        _sandbox = await TestSandbox.StartAsync();
        var action = _sandbox.Modifiable();
        _actionId = action.Id;
        _sku = action.Items[0].Sku;
    }

    public async Task DisposeAsync()
    {
        // Every case here is refused before the queue: not one submission may exist.
        Assert.Empty(_sandbox.Host.Queue.All());
        await _sandbox.DisposeAsync();
    }

    private async Task RefusedAsync(string field, params (string, string)[] form) => (await _sandbox.PutAsync(form)).AssertFieldError(field);

    [Fact]
    public Task An_identifier_is_required() => RefusedAsync("ActionId", ("Sku", _sku), ("Quantity", "1"), ("Reason", "ORDER_UPDATE"));

    [Fact]
    public Task ActionId_with_tracker_and_order_is_refused() =>
        RefusedAsync("ActionId", ("ActionId", _actionId), ("ActionTrackerId", "2240"), ("OrderId", "1"), ("Sku", _sku), ("Quantity", "1"), ("Reason", "ORDER_UPDATE"));

    [Fact]
    public Task A_tracker_needs_an_order() => RefusedAsync("OrderId", ("ActionTrackerId", "2240"), ("Sku", _sku), ("Quantity", "1"), ("Reason", "ORDER_UPDATE"));

    [Fact]
    public Task An_order_needs_a_tracker() => RefusedAsync("ActionTrackerId", ("Oid", "9000000000001"), ("Sku", _sku), ("Quantity", "1"), ("Reason", "ORDER_UPDATE"));

    [Fact]
    public Task A_non_numeric_tracker_is_refused() => RefusedAsync("ActionTrackerId", ("ActionTrackerId", "sale"), ("OrderId", "1"), ("Sku", _sku), ("Quantity", "1"), ("Reason", "ORDER_UPDATE"));

    [Theory]
    [InlineData("two")]
    [InlineData("1.5")]
    [InlineData("-1")]
    [InlineData("12345678901234567")]
    public Task A_quantity_must_be_a_whole_number_from_zero(string quantity) =>
        RefusedAsync("Quantity", ("ActionId", _actionId), ("Sku", _sku), ("Quantity", quantity), ("Reason", "ORDER_UPDATE"));

    [Theory]
    [InlineData("3,49")]
    [InlineData("3.499")]
    [InlineData("-3.49")]
    [InlineData("123456789.00")]
    [InlineData("1234567.00")]
    [InlineData("1234567")]
    public Task An_amount_has_a_decimal_point_two_places_and_no_sign(string amount) =>
        RefusedAsync("Amount", ("ActionId", _actionId), ("Sku", _sku), ("Quantity", "1"), ("Amount", amount), ("Reason", "ORDER_UPDATE"));

    [Fact]
    public Task Indexed_fields_are_checked_under_their_own_name() =>
        RefusedAsync("Quantity2", ("ActionId", _actionId), ("Sku", _sku), ("Quantity", "1"), ("Sku2", "X"), ("Quantity2", "x"), ("Reason", "ORDER_UPDATE"));

    [Fact]
    public Task An_indexed_field_needs_its_Sku() =>
        RefusedAsync("Sku3", ("ActionId", _actionId), ("Sku", _sku), ("Quantity", "1"), ("Quantity3", "2"), ("Reason", "ORDER_UPDATE"));

    [Fact]
    public Task The_same_Sku_twice_is_refused() =>
        RefusedAsync("Sku2", ("ActionId", _actionId), ("Sku", _sku), ("Quantity", "1"), ("Sku2", _sku), ("Quantity2", "2"), ("Reason", "ORDER_UPDATE"));

    [Fact]
    public Task A_string_over_255_characters_is_refused() =>
        RefusedAsync("ItemName", ("ActionId", _actionId), ("Sku", _sku), ("Quantity", "1"), ("ItemName", new string('x', 256)), ("Reason", "ORDER_UPDATE"));

    [Fact]
    public async Task A_string_over_255_characters_is_refused_counting_code_points()
    {
        // 256 emoji are 256 characters (and 512 UTF-16 units): one too many. WriteEffectsTests takes 255.
        var emoji = char.ConvertFromUtf32(0x1F600);
        await RefusedAsync("ItemName", ("ActionId", _actionId), ("Sku", _sku), ("Quantity", "1"), ("ItemName", string.Concat(Enumerable.Repeat(emoji, 256))), ("Reason", "ORDER_UPDATE"));
    }

    [Fact]
    public Task Reason_is_required() => RefusedAsync("Reason", ("ActionId", _actionId), ("Sku", _sku), ("Quantity", "1"));

    [Fact]
    public Task Reason_must_be_a_documented_code() => RefusedAsync("Reason", ("ActionId", _actionId), ("Sku", _sku), ("Quantity", "1"), ("Reason", "BECAUSE"));

    // [ITEM-PUT]: "Quantity required".
    [Fact]
    public Task An_item_needs_a_quantity() =>
        RefusedAsync("Quantity", ("ActionId", _actionId), ("Sku", _sku), ("Category", "Shoes"), ("Reason", "ORDER_UPDATE"));

    [Fact]
    public Task A_relative_change_needs_a_quantity_too() =>
        RefusedAsync("Quantity", ("ActionId", _actionId), ("Sku", _sku), ("ItemSubTotalDelta", "-5.00"), ("Reason", "ORDER_UPDATE"));

    [Fact]
    public Task Each_indexed_item_needs_its_own_quantity() =>
        RefusedAsync("Quantity2", ("ActionId", _actionId), ("Reason", "ORDER_UPDATE"), ("Sku", _sku), ("Quantity", "1"), ("Sku2", "other"), ("ItemSubTotalDelta2", "1.00"));

    // [ITEM-PUT]: "Always submit ORDER_UPDATE as the reason for an item-level update."
    [Theory]
    [InlineData("ITEM_RETURNED")]
    [InlineData("CONS_FRAUD")]
    public async Task An_item_update_takes_only_ORDER_UPDATE_as_its_reason(string reason)
    {
        var answer = await _sandbox.PutAsync(("ActionId", _actionId), ("Sku", _sku), ("Quantity", "0"), ("Reason", reason));
        answer.AssertFieldError("Reason");
        Assert.Contains("ORDER_UPDATE", answer.Body);
    }

    // [ACTIONS]: "Submit ORDER_UPDATE as the default value for updating an action."
    [Fact]
    public Task An_action_update_needs_a_disposition_code() =>
        RefusedAsync("DispositionCode", ("ActionId", _actionId), ("CustomerStatus", "EXISTING"), ("Reason", "ORDER_UPDATE"));

    [Fact]
    public Task Amount_and_ItemSubTotalDelta_together_are_refused() =>
        RefusedAsync("ItemSubTotalDelta", ("ActionId", _actionId), ("Sku", _sku), ("Quantity", "1"), ("Amount", "5.00"), ("ItemSubTotalDelta", "-1"), ("Reason", "ORDER_UPDATE"));

    [Fact]
    public Task A_write_with_nothing_to_change_is_refused() => RefusedAsync("Sku", ("ActionId", _actionId), ("Reason", "ORDER_UPDATE"));

    [Fact]
    public Task An_unconfigured_customer_status_is_refused() =>
        RefusedAsync("CustomerStatus", ("ActionId", _actionId), ("CustomerStatus", "VIP"), ("Reason", "ORDER_UPDATE"), ("DispositionCode", "ORDER_UPDATE"));

    [Fact]
    public async Task A_reversal_needs_a_known_disposition_code()
    {
        (await _sandbox.DeleteAsync(("ActionId", _actionId))).AssertFieldError("DispositionCode");
        (await _sandbox.DeleteAsync(("ActionId", _actionId), ("DispositionCode", "NOT_A_CODE"))).AssertFieldError("DispositionCode");
        (await _sandbox.DeleteAsync(("DispositionCode", "ITEM_RETURNED"))).AssertFieldError("ActionId");
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_is_refused()
    {
        using var content = new StringContent("{\"ActionId\":\"x\"}", Encoding.UTF8, "application/json");
        using var response = await _sandbox.Http.PutAsync($"{_sandbox.Root}/Actions", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_POST_without_method_override_is_refused()
    {
        var answer = await _sandbox.SendFormAsync(HttpMethod.Post, ("ActionId", _actionId), ("DispositionCode", "ITEM_RETURNED"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, answer.Status);
    }
}
