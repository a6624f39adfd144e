using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace ImpactActions.Sandbox.Tests;

/// <summary>/_sandbox: what end-to-end tests and benchmarks read and steer over HTTP.</summary>
public sealed class ControlEndpointTests
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Info_names_the_account_but_never_the_token()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var response = await sandbox.Http.GetAsync("/_sandbox/info");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(sandbox.Host.AccountSid, body);
        Assert.DoesNotContain(sandbox.Host.AuthToken, body);
        Assert.Equal(400, JsonDocument.Parse(body).RootElement.GetProperty("Actions").GetInt32());
    }

    [Fact]
    public async Task The_ledger_and_request_log_are_readable_and_filterable()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var a = sandbox.Modifiable();
        var b = sandbox.Modifiable(skip: 1);
        await sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", a.Id), ("Sku", a.Items[0].Sku), ("Quantity", "0"), ("Reason", "ORDER_UPDATE"));
        await sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", b.Id), ("Sku", b.Items[0].Sku), ("Quantity", b.Items[0].Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("ItemSubTotalDelta", "2.50"), ("Reason", "ORDER_UPDATE"));

        var all = await JsonAsync(await sandbox.Http.GetAsync("/_sandbox/ledger"));
        Assert.Equal(3, all.GetArrayLength());
        var onlyB = await JsonAsync(await sandbox.Http.GetAsync($"/_sandbox/ledger?actionId={b.Id}"));
        Assert.Equal(2, onlyB.GetArrayLength());
        var entry = onlyB.EnumerateArray().Last();
        Assert.Equal("ItemSubTotalDelta", entry.GetProperty("Field").GetString());
        Assert.Equal("2.50", entry.GetProperty("Value").GetString());

        var requests = await JsonAsync(await sandbox.Http.GetAsync("/_sandbox/requests"));
        Assert.Equal(4, requests.GetProperty("Count").GetInt64());
        var after = await JsonAsync(await sandbox.Http.GetAsync("/_sandbox/requests?after=3"));
        Assert.Equal("GET", Assert.Single(after.GetProperty("Entries").EnumerateArray()).GetProperty("Method").GetString());
    }

    [Fact]
    public async Task Modifiable_actions_can_be_found_for_a_test_to_change()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var found = await JsonAsync(await sandbox.Http.GetAsync("/_sandbox/actions?modifiable=true&take=5&campaignId=1001"));
        Assert.Equal(5, found.GetArrayLength());
        foreach (var action in found.EnumerateArray())
        {
            var record = sandbox.Host.Store.FindById(action.GetProperty("Id").GetString()!)!;
            Assert.Equal(1001, record.Campaign.Id);
            Assert.False(record.IsLockedAt(sandbox.Host.Clock.Now));
            Assert.Equal(record.Items.Count, action.GetProperty("Items").GetArrayLength());
        }
    }

    [Fact]
    public async Task Behaviour_can_be_changed_while_running()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var body = new StringContent("{\"RateLimit\": 1, \"ProcessingDelayMs\": 5, \"Quirks\": {\"NumbersAsJsonNumbers\": true}}", Encoding.UTF8, "application/json");
        await JsonAsync(await sandbox.Http.PutAsync("/_sandbox/behaviour", body));
        Assert.Equal(1, sandbox.Host.Behaviour.RateLimit);
        Assert.Equal(TimeSpan.FromMilliseconds(5), sandbox.Host.Behaviour.ProcessingDelay);

        var answer = await sandbox.GetAsync($"{sandbox.Root}/Actions?CampaignId=1000");
        Assert.Equal(JsonValueKind.Number, answer.Json.GetProperty("Actions")[0].GetProperty("Amount").ValueKind);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await sandbox.GetAsync($"{sandbox.Root}/Actions?CampaignId=1000")).Status);

        using var bad = new StringContent("{not json", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await sandbox.Http.PutAsync("/_sandbox/behaviour", bad)).StatusCode);
    }

    [Fact]
    public async Task Behaviour_reads_as_it_is_written_and_a_member_it_does_not_know_is_refused()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var read = await sandbox.Http.GetStringAsync("/_sandbox/behaviour");
        Assert.Contains("\"ProcessingDelayMs\"", read);
        Assert.DoesNotContain("\"ProcessingDelay\":", read);
        using (var back = new StringContent(read, Encoding.UTF8, "application/json"))
            Assert.Equal(HttpStatusCode.OK, (await sandbox.Http.PutAsync("/_sandbox/behaviour", back)).StatusCode);

        var before = sandbox.Host.Behaviour.ProcessingDelay;
        using var misspelt = new StringContent("{\"ProcessingDelay\": 5}", Encoding.UTF8, "application/json");
        var refused = await sandbox.Http.PutAsync("/_sandbox/behaviour", misspelt);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("ProcessingDelay", await refused.Content.ReadAsStringAsync());
        Assert.Equal(before, sandbox.Host.Behaviour.ProcessingDelay);
    }

    [Fact]
    public async Task Drain_waits_for_the_queue()
    {
        await using var sandbox = await TestSandbox.StartAsync(configure: o => o.Behaviour.ProcessingDelay = TimeSpan.FromMilliseconds(300));
        var action = sandbox.Modifiable();
        await sandbox.PutAsync(("ActionId", action.Id), ("Sku", action.Items[0].Sku), ("Quantity", "0"), ("Reason", "ORDER_UPDATE"));
        var drained = await JsonAsync(await sandbox.Http.PostAsync("/_sandbox/queue/drain?timeoutSeconds=30", null));
        Assert.Equal(0, drained.GetProperty("Pending").GetInt32());
        Assert.Single(sandbox.Host.Ledger.Entries(action.Id));
    }
}
