using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading.Tasks;

namespace ImpactActions.Sandbox.Tests;

/// <summary>Paging over a dense campaign: 25,000 actions in 40 days, so pages and the 10 × PageSize refusal are reachable.</summary>
public sealed class PagingTests : IAsyncLifetime
{
    private TestSandbox _sandbox = null!;

    public async Task InitializeAsync() =>
        _sandbox = await TestSandbox.StartAsync(actions: 25_000, spanDays: 40, configure: o => o.Data.Campaigns = 1);

    public Task DisposeAsync() => _sandbox.DisposeAsync().AsTask();

    private string Window()
    {
        var now = _sandbox.Host.Clock.Now;
        string Iso(DateTimeOffset d) => Uri.EscapeDataString(d.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
        return $"StartDate={Iso(now.AddDays(-45))}&EndDate={Iso(now)}";
    }

    [Fact]
    public async Task More_than_ten_times_the_page_size_is_refused_with_advice()
    {
        var answer = await _sandbox.GetAsync($"{_sandbox.Root}/Actions?CampaignId=1000&{Window()}&PageSize=2000");
        answer.AssertFieldError("PageSize");
        Assert.Contains("increase PageSize", answer.Json.GetProperty("Errors")[0].GetProperty("Message").GetString());
    }

    [Fact]
    public async Task Following_nextpageuri_visits_every_action_once()
    {
        var path = $"{_sandbox.Root}/Actions?CampaignId=1000&{Window()}&PageSize=3000";
        var seen = new List<string>();
        var pages = 0;
        string numPages = "";
        while (path.Length > 0)
        {
            var answer = await _sandbox.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            var json = answer.Json;
            pages++;
            Assert.Equal(pages.ToString(CultureInfo.InvariantCulture), json.GetProperty("@page").GetString());
            Assert.Equal(((pages - 1) * 3000).ToString(CultureInfo.InvariantCulture), json.GetProperty("@start").GetString());
            numPages = json.GetProperty("@numpages").GetString()!;
            var ids = json.GetProperty("Actions").EnumerateArray().Select(a => a.GetProperty("Id").GetString()!).ToList();
            Assert.Equal((pages - 1) * 3000 + ids.Count - 1, int.Parse(json.GetProperty("@end").GetString()!, CultureInfo.InvariantCulture));
            seen.AddRange(ids);
            path = json.GetProperty("@nextpageuri").GetString()!;
            if (pages > 1) Assert.NotEqual("", json.GetProperty("@previouspageuri").GetString());
        }
        var expected = _sandbox.Host.Store.All().Select(a => a.Id).ToList();
        Assert.Equal(expected.Count, seen.Count);
        Assert.Equal(expected, seen);
        Assert.Equal(pages.ToString(CultureInfo.InvariantCulture), numPages);
        Assert.Equal(9, pages);
    }

    [Fact]
    public async Task A_page_past_the_last_is_empty()
    {
        var answer = await _sandbox.GetAsync($"{_sandbox.Root}/Actions?CampaignId=1000&{Window()}&PageSize=3000&Page=50");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(0, answer.Json.GetProperty("Actions").GetArrayLength());
        Assert.Equal("", answer.Json.GetProperty("@nextpageuri").GetString());
    }

    [Fact]
    public async Task A_page_size_has_no_maximum_the_seed_does_not_state()
    {
        var answer = await _sandbox.GetAsync($"{_sandbox.Root}/Actions?CampaignId=1000&{Window()}&PageSize=150000");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("150000", answer.Json.GetProperty("@pagesize").GetString());
        Assert.Equal("1", answer.Json.GetProperty("@numpages").GetString());
    }
}
