using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using ImpactActions.Sandbox.Data;

namespace ImpactActions.Sandbox.Tests;

/// <summary>The variants docs/api-reference.md says a client must accept, each switchable so a client can be tested against it.</summary>
public sealed class QuirkTests
{
    private static async Task<JsonElement> PageAsync(QuirkOptions quirks)
    {
        await using var sandbox = await TestSandbox.StartAsync(actions: 3000, spanDays: 10, configure: o =>
        {
            o.Behaviour.Quirks = quirks;
            o.Data.Campaigns = 1;
        });
        var answer = await sandbox.GetAsync($"{sandbox.Root}/Actions?CampaignId=1000&PageSize=2000");
        return answer.Json.Clone();
    }

    [Fact]
    public async Task Links_can_be_absolute()
    {
        var page = await PageAsync(new QuirkOptions { AbsoluteLinks = true });
        Assert.StartsWith("http://127.0.0.1:", page.GetProperty("@nextpageuri").GetString());
    }

    [Fact]
    public async Task Links_can_carry_the_documented_typo()
    {
        var page = await PageAsync(new QuirkOptions { LinkTypoSpelling = true });
        Assert.True(page.TryGetProperty("@firstpageruri", out _));
        Assert.True(page.TryGetProperty("@lastpageruri", out _));
        Assert.True(page.TryGetProperty("@nextpageuri", out _));
        Assert.False(page.TryGetProperty("@firstpageuri", out _));
    }

    [Fact]
    public async Task Numbers_can_be_bare_while_the_envelope_stays_strings()
    {
        var page = await PageAsync(new QuirkOptions { NumbersAsJsonNumbers = true });
        var action = page.GetProperty("Actions")[0];
        Assert.Equal(JsonValueKind.Number, action.GetProperty("Amount").ValueKind);
        Assert.Equal(JsonValueKind.Number, action.GetProperty("CampaignId").ValueKind);
        Assert.Equal(JsonValueKind.String, action.GetProperty("ClearedDate").ValueKind);
        Assert.Equal(JsonValueKind.String, page.GetProperty("@total").ValueKind);
    }

    [Fact]
    public async Task The_total_can_say_zero_on_every_list_while_the_pages_and_links_stay_right()
    {
        var page = await PageAsync(new QuirkOptions { TotalAlwaysZero = true });
        Assert.Equal("0", page.GetProperty("@total").GetString());
        Assert.Equal("2", page.GetProperty("@numpages").GetString());
        Assert.NotEqual("", page.GetProperty("@nextpageuri").GetString());
        Assert.Equal(2000, page.GetProperty("Actions").GetArrayLength());
    }

    [Fact]
    public async Task A_reversed_action_can_be_called_REJECTED_and_either_word_filters_it()
    {
        await using var sandbox = await TestSandbox.StartAsync(actions: 3000, spanDays: 10, configure: o =>
        {
            o.Behaviour.Quirks = new QuirkOptions { ReversedAsRejected = true };
            o.Data.Campaigns = 1;
        });
        var reversed = sandbox.Host.Store.All().Where(a => a.State == ActionState.REVERSED).Select(a => a.Id).ToList();
        Assert.NotEmpty(reversed);
        foreach (var word in new[] { "REJECTED", "REVERSED" })
        {
            var page = (await sandbox.GetAsync($"{sandbox.Root}/Actions?CampaignId=1000&State={word}&ActionDateStart=2020-01-01T00:00:00Z&PageSize=2000")).Json;
            var listed = page.GetProperty("Actions").EnumerateArray().ToList();
            Assert.Equal(reversed, listed.Select(a => a.GetProperty("Id").GetString()));
            Assert.All(listed, a => Assert.Equal("REJECTED", a.GetProperty("State").GetString()));
        }
        var one = (await sandbox.GetAsync($"{sandbox.Root}/Actions/{reversed[0]}")).Json;
        Assert.Equal("REJECTED", one.GetProperty("State").GetString());
    }

    [Fact]
    public async Task BatchIds_can_have_the_help_centres_short_shape_and_read_back()
    {
        await using var sandbox = await TestSandbox.StartAsync(configure: o => o.Behaviour.Quirks.ShortBatchIds = true);
        var action = sandbox.Modifiable();
        var submission = await sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", action.Id), ("Sku", action.Items[0].Sku), ("Quantity", "1"), ("Reason", "ORDER_UPDATE"));
        Assert.Matches("^A-[0-9a-f]{4}-[0-9a-f]{12}$", submission.GetProperty("BatchId").GetString());
        Assert.Equal("Complete", submission.GetProperty("Status").GetString());
    }

    [Fact]
    public async Task An_item_update_without_Quantity_is_taken_only_with_the_quirk_and_keeps_the_quantity()
    {
        await using var strict = await TestSandbox.StartAsync();
        var action = strict.Modifiable();
        (await strict.PutAsync(("ActionId", action.Id), ("Sku", action.Items[0].Sku), ("Amount", "3.49"), ("Reason", "ORDER_UPDATE"))).AssertFieldError("Quantity");

        await using var lenient = await TestSandbox.StartAsync(configure: o => o.Behaviour.Quirks.QuantityOptional = true);
        action = lenient.Modifiable();
        var item = action.Items[0];
        var submission = await lenient.ApplyAsync(HttpMethod.Put, ("ActionId", action.Id), ("Sku", item.Sku), ("Amount", "3.49"), ("Reason", "ORDER_UPDATE"));
        Assert.Equal("", submission.GetProperty("ErrorReason").GetString());
        var after = lenient.Host.Store.FindById(action.Id)!.Items.Single(i => i.Sku == item.Sku);
        Assert.Equal((item.Quantity, 3.49m), (after.Quantity, after.SaleAmount));
    }

    [Fact]
    public async Task Actions_and_items_can_carry_fields_no_page_lists()
    {
        await using var sandbox = await TestSandbox.StartAsync(configure: o => o.Behaviour.Quirks.UnlistedFields = true);
        var action = sandbox.Modifiable();
        var one = (await sandbox.GetAsync($"{sandbox.Root}/Actions/{action.Id}")).Json;
        Assert.Contains(one.GetProperty("UnlistedFlag").GetString(), new[] { "true", "false" });
        Assert.Equal("true", one.GetProperty("UnlistedBoolean").GetString());
        Assert.Equal(JsonValueKind.Object, one.GetProperty("UnlistedObject").ValueKind);
        Assert.Equal(JsonValueKind.Array, one.GetProperty("UnlistedList").ValueKind);
        var items = (await sandbox.GetAsync($"{sandbox.Root}/Actions/{action.Id}/Items")).Json.GetProperty("ActionItems");
        Assert.All(items.EnumerateArray(), i => Assert.Equal("false", i.GetProperty("UnlistedObject").GetProperty("Enabled").GetString()));
    }

    [Fact]
    public async Task Actions_can_share_a_tracker_and_OrderId_and_a_write_by_them_changes_the_newest()
    {
        await using var sandbox = await TestSandbox.StartAsync(configure: o => o.Data.DuplicateOrderIds = 3);
        var shared = sandbox.Host.Store.All().GroupBy(a => (a.Tracker.Id, a.Oid)).Where(g => g.Count() > 1).ToList();
        Assert.Equal(3, shared.Count);
        var pair = shared.First(g => g.All(a => !a.IsLockedAt(sandbox.Host.Clock.Now) && a.State != ActionState.REVERSED)).ToList();
        var (newer, older) = pair[0].CreationDate > pair[1].CreationDate ? (pair[0], pair[1]) : (pair[1], pair[0]);

        var submission = await sandbox.ApplyAsync(HttpMethod.Put, ("ActionTrackerId", newer.Tracker.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("OrderId", newer.Oid), ("Sku", newer.Items[0].Sku), ("Quantity", "0"), ("Reason", "ORDER_UPDATE"));
        Assert.Equal("", submission.GetProperty("ErrorReason").GetString());
        Assert.Equal(0, sandbox.Host.Store.FindById(newer.Id)!.Items[0].Quantity);
        Assert.Equal(older, sandbox.Host.Store.FindById(older.Id));
    }
}
