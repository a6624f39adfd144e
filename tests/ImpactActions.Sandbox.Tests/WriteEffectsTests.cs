using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using ImpactActions.Sandbox.Data;

namespace ImpactActions.Sandbox.Tests;

/// <summary>What an applied write does to the action, its items and the ledger.</summary>
public sealed class WriteEffectsTests : IAsyncLifetime
{
    private TestSandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await TestSandbox.StartAsync();

    public Task DisposeAsync() => _sandbox.DisposeAsync().AsTask();

    private ActionRecord Current(string id) => _sandbox.Host.Store.FindById(id)!;

    private static void AssertSucceeded(JsonElement submission)
    {
        Assert.Equal("Complete", submission.GetProperty("Status").GetString());
        Assert.Equal("", submission.GetProperty("ErrorType").GetString());
        Assert.Equal("", submission.GetProperty("ErrorReason").GetString());
    }

    private static void AssertFailed(JsonElement submission, string reason)
    {
        Assert.Equal("Complete", submission.GetProperty("Status").GetString());
        Assert.Equal("Validation", submission.GetProperty("ErrorType").GetString());
        Assert.Equal(reason, submission.GetProperty("ErrorReason").GetString());
    }

    private static decimal Rate(ActionRecord a) => a.Campaign.PayoutRate;

    private static string Q(int quantity) => quantity.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Characters_are_counted_as_code_points_not_UTF16_units()
    {
        // 255 emoji are 510 UTF-16 units, and 255 characters: taken, and kept whole.
        var before = _sandbox.Modifiable();
        var name = string.Concat(System.Linq.Enumerable.Repeat(char.ConvertFromUtf32(0x1F600), 255));
        AssertSucceeded(await _sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", before.Id), ("Sku", before.Items[0].Sku), ("Quantity", Q(before.Items[0].Quantity)), ("ItemName", name), ("Reason", "ORDER_UPDATE")));
        Assert.Equal(name, Current(before.Id).Items[0].ItemName);
    }

    [Fact]
    public async Task Quantity_zero_returns_the_item_and_recalculates_the_action()
    {
        var before = _sandbox.Modifiable(where: a => a.Items.Count >= 2);
        var item = before.Items[0];
        AssertSucceeded(await _sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", before.Id), ("Sku", item.Sku), ("Quantity", "0"), ("Reason", "ORDER_UPDATE")));

        var after = Current(before.Id);
        var changed = after.Items[0];
        Assert.Equal(0, changed.Quantity);
        Assert.Equal(0m, changed.SaleAmount);
        Assert.Equal(0m, changed.Payout);
        Assert.Equal("ORDER_UPDATE", changed.AdjustmentReason);
        Assert.Equal(_sandbox.Host.Clock.Timestamp.Date, changed.AdjustmentDate!.Value.Date);
        Assert.Equal(before.Amount - item.SaleAmount, after.Amount);
        Assert.Equal(-item.SaleAmount, after.DeltaAmount);
        Assert.Equal(after.Items.Sum(i => i.Payout), after.Payout);
        Assert.Equal(before.IntendedAmount, after.IntendedAmount);
        Assert.Equal(before.IntendedPayout, after.IntendedPayout);
        Assert.Equal(ActionState.PENDING, after.State);
        Assert.Equal(before.Items[1], after.Items[1]);

        var ledger = _sandbox.Host.Ledger.Entries(before.Id);
        var entry = Assert.Single(ledger);
        Assert.Equal((item.Sku, "Quantity", "0"), (entry.Sku, entry.Field, entry.Value));
    }

    [Fact]
    public async Task Quantity_keeps_the_unit_price_and_Amount_is_absolute()
    {
        var before = _sandbox.Modifiable(where: a => a.Items[0].Quantity >= 2);
        var item = before.Items[0];
        AssertSucceeded(await _sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", before.Id), ("Sku", item.Sku), ("Quantity", "1"), ("Reason", "ORDER_UPDATE")));
        Assert.Equal(item.UnitPrice, Current(before.Id).Items[0].SaleAmount);

        AssertSucceeded(await _sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", before.Id), ("Sku", item.Sku), ("Quantity", "1"), ("Amount", "3.49"), ("Reason", "ORDER_UPDATE")));
        var after = Current(before.Id).Items[0];
        Assert.Equal(3.49m, after.SaleAmount);
        Assert.Equal(Math.Round(3.49m * Rate(before), 2, MidpointRounding.AwayFromZero), after.Payout);
    }

    [Fact]
    public async Task The_current_quantity_sent_again_keeps_the_amount_and_six_digits_before_the_point_are_taken()
    {
        var before = _sandbox.Modifiable(where: a => a.Items[0].Quantity >= 1);
        var item = before.Items[0];
        AssertSucceeded(await _sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", before.Id), ("Sku", item.Sku), ("Quantity", Q(item.Quantity)), ("ItemSubTotalDelta", "1.00"), ("Reason", "ORDER_UPDATE")));
        AssertSucceeded(await _sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", before.Id), ("Sku", item.Sku), ("Quantity", Q(item.Quantity)), ("Category", "Sale"), ("Reason", "ORDER_UPDATE")));
        var after = Current(before.Id).Items[0];
        Assert.Equal(item.SaleAmount + 1m, after.SaleAmount);
        Assert.Equal("Sale", after.Category);

        // [CAPTURES]: decimals of 8 digits with 2 decimal places: 999999.99 is the largest.
        AssertSucceeded(await _sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", before.Id), ("Sku", item.Sku), ("Quantity", Q(item.Quantity)), ("Amount", "999999.99"), ("Reason", "ORDER_UPDATE")));
        Assert.Equal(999999.99m, Current(before.Id).Items[0].SaleAmount);
    }

    [Fact]
    public async Task ItemSubTotalDelta_is_relative_and_applies_each_time_it_is_sent()
    {
        var before = _sandbox.Modifiable(where: a => a.Items[0].SaleAmount > 20m);
        var item = before.Items[0];
        for (var i = 0; i < 2; i++)
            AssertSucceeded(await _sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", before.Id), ("Sku", item.Sku), ("Quantity", Q(item.Quantity)), ("ItemSubTotalDelta", "-5.25"), ("Reason", "ORDER_UPDATE")));

        var after = Current(before.Id).Items[0];
        Assert.Equal(item.SaleAmount - 10.50m, after.SaleAmount);
        Assert.Equal(item.Quantity, after.Quantity);
        Assert.Equal(2, _sandbox.Host.Ledger.Entries(before.Id).Count(e => e.Field == "ItemSubTotalDelta" && e.Value == "-5.25"));
    }

    [Fact]
    public async Task A_delta_below_zero_fails_on_processing_and_changes_nothing()
    {
        var before = _sandbox.Modifiable();
        var item = before.Items[0];
        var delta = (-(item.SaleAmount + 1m)).ToString(CultureInfo.InvariantCulture);
        AssertFailed(await _sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", before.Id), ("Sku", item.Sku), ("Quantity", Q(item.Quantity)), ("ItemSubTotalDelta", delta), ("Reason", "ORDER_UPDATE")), "NEGATIVE_AMOUNT");
        Assert.Same(before, Current(before.Id));
    }

    [Fact]
    public async Task Indexed_items_change_together_in_one_submission()
    {
        var before = _sandbox.Modifiable(where: a => a.Items.Count >= 3);
        var submission = await _sandbox.ApplyAsync(HttpMethod.Put,
            ("ActionId", before.Id), ("Reason", "ORDER_UPDATE"),
            ("Sku", before.Items[0].Sku), ("Quantity", "0"),
            ("Sku2", before.Items[1].Sku), ("Quantity2", "7"), ("Category2", "Clearance"),
            ("Sku3", before.Items[2].Sku), ("Quantity3", Q(before.Items[2].Quantity)), ("ItemSubTotalDelta3", "1.00"));
        AssertSucceeded(submission);

        var after = Current(before.Id);
        Assert.Equal(0, after.Items[0].Quantity);
        Assert.Equal(7, after.Items[1].Quantity);
        Assert.Equal("Clearance", after.Items[1].Category);
        Assert.Equal(before.Items[2].SaleAmount + 1m, after.Items[2].SaleAmount);
        var batchIds = _sandbox.Host.Ledger.Entries(before.Id).Select(e => e.BatchId).Distinct();
        Assert.Equal(submission.GetProperty("BatchId").GetString(), Assert.Single(batchIds));
        Assert.Equal(1, after.Modifications);
    }

    [Fact]
    public async Task A_tracker_and_Oid_identify_the_action_as_ActionId_does()
    {
        var before = _sandbox.Modifiable();
        var submission = await _sandbox.ApplyAsync(HttpMethod.Put,
            ("Oid", before.Oid), ("ActionTrackerId", before.Tracker.Id.ToString(CultureInfo.InvariantCulture)),
            ("Sku", before.Items[0].Sku), ("Quantity", "0"), ("Reason", "ORDER_UPDATE"));
        AssertSucceeded(submission);
        Assert.Equal(0, Current(before.Id).Items[0].Quantity);
        Assert.Equal(before.Oid, submission.GetProperty("OrderId").GetString());
        Assert.Equal(before.Campaign.Id.ToString(CultureInfo.InvariantCulture), submission.GetProperty("CampaignId").GetString());
    }

    [Fact]
    public async Task An_action_amount_is_spread_over_the_items_and_zero_reverses()
    {
        var before = _sandbox.Modifiable(where: a => a.Items.Count >= 2);
        AssertSucceeded(await _sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", before.Id), ("Amount", "100.00"), ("Reason", "ORDER_UPDATE"), ("DispositionCode", "ORDER_UPDATE")));
        var changed = Current(before.Id);
        Assert.Equal(100m, changed.Amount);
        Assert.Equal(100m, changed.Items.Sum(i => i.SaleAmount));

        AssertSucceeded(await _sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", before.Id), ("Amount", "0"), ("Reason", "ORDER_ERROR"), ("DispositionCode", "ORDER_UPDATE")));
        var reversed = Current(before.Id);
        Assert.Equal(ActionState.REVERSED, reversed.State);
        Assert.Equal(0m, reversed.Payout);
    }

    [Fact]
    public async Task CustomerStatus_changes_on_its_own()
    {
        var before = _sandbox.Modifiable(where: a => a.CustomerStatus == "NEW");
        AssertSucceeded(await _sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", before.Id), ("CustomerStatus", "EXISTING"), ("Reason", "ORDER_UPDATE"), ("DispositionCode", "ORDER_UPDATE")));
        Assert.Equal("EXISTING", Current(before.Id).CustomerStatus);
        Assert.Equal(before.Amount, Current(before.Id).Amount);
    }

    [Fact]
    public async Task DELETE_and_POST_with_method_override_reverse_the_action()
    {
        var first = _sandbox.Modifiable();
        var submission = await _sandbox.ApplyAsync(HttpMethod.Delete, ("ActionId", first.Id), ("DispositionCode", "CONS_FRAUD"));
        AssertSucceeded(submission);
        Assert.Equal("Reversal", submission.GetProperty("Type").GetString());
        var reversed = Current(first.Id);
        Assert.Equal(ActionState.REVERSED, reversed.State);
        Assert.Equal(-first.Amount, reversed.DeltaAmount);
        Assert.All(reversed.Items, i => Assert.Equal("CONS_FRAUD", i.AdjustmentReason));

        var second = _sandbox.Modifiable();
        Assert.NotEqual(first.Id, second.Id);
        AssertSucceeded(await _sandbox.ApplyAsync(HttpMethod.Post, ("_method", "DELETE"), ("ActionId", second.Id), ("DispositionCode", "ITEM_RETURNED")));
        Assert.Equal(ActionState.REVERSED, Current(second.Id).State);

        AssertFailed(await _sandbox.ApplyAsync(HttpMethod.Delete, ("ActionId", first.Id), ("DispositionCode", "CONS_FRAUD")), "ACTION_ALREADY_REVERSED");
        AssertFailed(await _sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", first.Id), ("Sku", first.Items[0].Sku), ("Quantity", "1"), ("Reason", "ORDER_UPDATE")), "ACTION_REVERSED");
    }

    [Fact]
    public async Task A_POST_with_method_PUT_updates()
    {
        var before = _sandbox.Modifiable();
        AssertSucceeded(await _sandbox.ApplyAsync(HttpMethod.Post, ("_method", "PUT"), ("ActionId", before.Id), ("Sku", before.Items[0].Sku), ("Quantity", "9"), ("Reason", "ORDER_UPDATE")));
        Assert.Equal(9, Current(before.Id).Items[0].Quantity);
    }

    [Fact]
    public async Task RESET_restores_a_modified_or_reversed_action()
    {
        var before = _sandbox.Modifiable(where: a => a.Items.Count >= 2);
        await _sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", before.Id), ("Sku", before.Items[0].Sku), ("Quantity", "0"), ("Reason", "ORDER_UPDATE"));
        await _sandbox.ApplyAsync(HttpMethod.Delete, ("ActionId", before.Id), ("DispositionCode", "OTHER"));
        AssertSucceeded(await _sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", before.Id), ("Reason", "RESET")));

        var after = Current(before.Id);
        Assert.Equal(before.State, after.State);
        Assert.Equal(before.Amount, after.Amount);
        Assert.Equal(before.Payout, after.Payout);
        Assert.Equal(before.Items.Select(i => (i.Sku, i.Quantity, i.SaleAmount)), after.Items.Select(i => (i.Sku, i.Quantity, i.SaleAmount)));
        Assert.All(after.Items, i => Assert.Equal("RESET", i.AdjustmentReason));
        Assert.Equal(3, after.Modifications);
    }

    [Fact]
    public async Task Processing_failures_complete_with_ErrorType_and_ErrorReason()
    {
        var action = _sandbox.Modifiable();
        AssertFailed(await _sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", "1000.2240.1"), ("Sku", "1"), ("Quantity", "1"), ("Reason", "ORDER_UPDATE")), "ACTION_REF_NOT_FOUND");
        AssertFailed(await _sandbox.ApplyAsync(HttpMethod.Put, ("ActionTrackerId", "2240"), ("OrderId", "nope"), ("Sku", "1"), ("Quantity", "1"), ("Reason", "ORDER_UPDATE")), "ACTION_REF_NOT_FOUND");

        // One unknown Sku fails the whole submission: the known item is not changed either.
        AssertFailed(await _sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", action.Id), ("Reason", "ORDER_UPDATE"),
            ("Sku", action.Items[0].Sku), ("Quantity", "0"), ("Sku2", "NO-SUCH-SKU"), ("Quantity2", "1")), "SKU_NOT_FOUND");
        Assert.Same(action, Current(action.Id));
        Assert.Empty(_sandbox.Host.Ledger.Entries(action.Id));
    }

    [Fact]
    public async Task A_locked_action_cannot_be_changed()
    {
        var locked = _sandbox.Host.Store.All().First(a => a.IsLockedAt(_sandbox.Host.Clock.Now) && a.State == ActionState.APPROVED);
        AssertFailed(await _sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", locked.Id), ("Sku", locked.Items[0].Sku), ("Quantity", "0"), ("Reason", "ORDER_UPDATE")), "ACTION_LOCKED");
        AssertFailed(await _sandbox.ApplyAsync(HttpMethod.Delete, ("ActionId", locked.Id), ("DispositionCode", "ITEM_RETURNED")), "ACTION_LOCKED");
    }

    [Fact]
    public async Task Modifications_past_the_limit_fail()
    {
        _sandbox.Host.Behaviour = new BehaviourOptions { ProcessingDelay = TimeSpan.Zero, ModificationLimit = 2 };
        var action = _sandbox.Modifiable();
        for (var i = 0; i < 2; i++)
            AssertSucceeded(await _sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", action.Id), ("Sku", action.Items[0].Sku), ("Quantity", "1"), ("Reason", "ORDER_UPDATE")));
        AssertFailed(await _sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", action.Id), ("Sku", action.Items[0].Sku), ("Quantity", "2"), ("Reason", "ORDER_UPDATE")), "MODIFICATION_LIMIT_EXCEEDED");
        Assert.Equal(1, Current(action.Id).Items[0].Quantity);
    }

    [Fact]
    public async Task Reads_over_HTTP_show_the_applied_change()
    {
        var before = _sandbox.Modifiable();
        var sku = before.Items[0].Sku;
        await _sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", before.Id), ("Sku", sku), ("Quantity", "0"), ("Reason", "ORDER_UPDATE"));
        var item = (await _sandbox.GetAsync($"{_sandbox.Root}/Actions/{before.Id}/Items/{sku}")).Json;
        Assert.Equal("0", item.GetProperty("Quantity").GetString());
        Assert.Equal("ORDER_UPDATE", item.GetProperty("AdjustmentReason").GetString());
        Assert.NotEqual("", item.GetProperty("AdjustmentDate").GetString());
        var action = (await _sandbox.GetAsync($"{_sandbox.Root}/Actions/{before.Id}")).Json;
        Assert.Equal("PENDING", action.GetProperty("State").GetString());
        Assert.Equal((-before.Items[0].SaleAmount).ToString("0.00", CultureInfo.InvariantCulture), action.GetProperty("DeltaAmount").GetString());
    }
}
