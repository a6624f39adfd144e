using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace ImpactActions.Sandbox.Tests;

/// <summary>The variants api-facts.md says a client must accept, each switchable so a client can be tested against it.</summary>
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
}
