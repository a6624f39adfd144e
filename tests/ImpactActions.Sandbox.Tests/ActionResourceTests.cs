using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;

namespace ImpactActions.Sandbox.Tests;

/// <summary>GET one action, its items, one item.</summary>
public sealed class ActionResourceTests : IClassFixture<SharedSandbox>
{
    private readonly TestSandbox _sandbox;

    public ActionResourceTests(SharedSandbox shared) => _sandbox = shared.Sandbox;

    [Fact]
    public async Task One_action_carries_every_documented_field()
    {
        var action = _sandbox.Host.Store[17];
        var answer = await _sandbox.GetAsync($"{_sandbox.Root}/Actions/{action.Id}");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var json = answer.Json;
        foreach (var field in new[]
                 {
                     "Id", "CampaignId", "CampaignName", "ActionTrackerId", "ActionTrackerName", "EventCode", "MediaPartnerId",
                     "MediaPartnerName", "State", "AdId", "ClientCost", "Payout", "DeltaPayout", "IntendedPayout", "Amount",
                     "DeltaAmount", "IntendedAmount", "Currency", "ReferringDate", "EventDate", "CreationDate", "LockingDate",
                     "ClearedDate", "ReferringType", "ReferringDomain", "PromoCode", "Oid", "CustomerId", "CustomerStatus",
                     "CustomerPostCode", "CustomerArea", "CustomerCity", "CustomerRegion", "CustomerCountry", "IpAddress",
                     "SharedId", "CallerId", "Note", "Uri",
                 })
            Assert.True(json.TryGetProperty(field, out _), $"missing {field}");
        Assert.Equal(action.Id, json.GetProperty("Id").GetString());
        Assert.Equal(action.Oid, json.GetProperty("Oid").GetString());
        Assert.Equal(action.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), json.GetProperty("Amount").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-07:00$", json.GetProperty("EventDate").GetString());
        Assert.Equal($"/Advertisers/{_sandbox.Host.AccountSid}/Actions/{action.Id}", json.GetProperty("Uri").GetString());
    }

    [Fact]
    public async Task An_unknown_action_is_a_404_in_the_error_envelope()
    {
        var answer = await _sandbox.GetAsync($"{_sandbox.Root}/Actions/1000.1.1");
        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal("ERROR", answer.Json.GetProperty("Status").GetString());
        Assert.Contains("1000.1.1", answer.Json.GetProperty("Message").GetString());
    }

    [Fact]
    public async Task Items_come_in_recorded_order_under_ActionItems()
    {
        var action = _sandbox.Host.Store.All().First(a => a.Items.Count >= 3);
        var answer = await _sandbox.GetAsync($"{_sandbox.Root}/Actions/{action.Id}/Items");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var skus = answer.Json.GetProperty("ActionItems").EnumerateArray().Select(i => i.GetProperty("Sku").GetString()!).ToList();
        Assert.Equal(action.Items.Select(i => i.Sku).ToList(), skus);
        Assert.Equal(action.Items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), answer.Json.GetProperty("@total").GetString());
        var first = answer.Json.GetProperty("ActionItems")[0];
        Assert.Equal(JsonValueKind.String, first.GetProperty("Quantity").ValueKind);
        Assert.Equal("", first.GetProperty("AdjustmentDate").GetString());
    }

    [Fact]
    public async Task One_item_by_Sku_and_an_unknown_Sku_is_404()
    {
        var action = _sandbox.Host.Store[3];
        var item = action.Items[^1];
        var answer = await _sandbox.GetAsync($"{_sandbox.Root}/Actions/{action.Id}/Items/{item.Sku}");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(item.Sku, answer.Json.GetProperty("Sku").GetString());
        Assert.Equal(item.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture), answer.Json.GetProperty("Quantity").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _sandbox.GetAsync($"{_sandbox.Root}/Actions/{action.Id}/Items/NOPE")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _sandbox.GetAsync($"{_sandbox.Root}/Actions/1000.1.1/Items")).Status);
    }
}
