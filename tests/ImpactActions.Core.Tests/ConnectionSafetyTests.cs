using System;
using System.Linq;
using System.Threading.Tasks;
using ImpactActions.Core.Connection;
using ImpactActions.Core.Http;
using ImpactActions.Core.Paging;
using ImpactActions.Sandbox.Data;
using ImpactActions.TestProxy;

namespace ImpactActions.Core.Tests;

/// <summary>Where a connection's requests may go and what it refuses: credentials in the address, redirects, use after close, paths that are not one segment.</summary>
public sealed class ConnectionSafetyTests
{
    [Fact]
    public void A_BaseUri_with_a_password_is_refused_without_repeating_it_and_says_where_the_token_goes()
    {
        var settings = new ConnectionSettings { AccountSid = "IRabc", AuthToken = CoreSandbox.Secret("t"), BaseUri = new Uri("https://IRabc:pa55word@api.impact.com") };
        var e = Assert.Throws<ImpactConfigurationException>(() => ImpactConnection.Open(settings, _ => null));
        Assert.DoesNotContain("pa55word", e.Message);
        Assert.Contains("-AuthToken", e.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5301/some/prefix/")]
    [InlineData("http://127.0.0.1:5301/?x=1")]
    [InlineData("https://api.impact.com/Advertisers")]
    [InlineData("https://api.impact.com/#top")]
    public void A_BaseUri_with_a_path_or_a_query_is_refused_since_requests_would_drop_it(string baseUri)
    {
        var settings = new ConnectionSettings { AccountSid = "IRabc", AuthToken = CoreSandbox.Secret("t"), BaseUri = new Uri(baseUri) };
        var e = Assert.Throws<ImpactConfigurationException>(() => ImpactConnection.Open(settings, _ => null));
        Assert.Contains("would be dropped", e.Message);
        Assert.Contains(new Uri(baseUri).GetLeftPart(UriPartial.Authority), e.Message);
    }

    [Fact]
    public async Task A_redirect_to_another_origin_is_an_error_that_says_where_and_is_not_followed()
    {
        using var elsewhere = new FixedAnswerServer("HTTP/1.1 200 OK\r\nContent-Type: application/json", "{\"@page\":\"1\",\"@numpages\":\"1\",\"@nextpageuri\":\"\",\"Actions\":[]}");
        using var redirecting = new FixedAnswerServer($"HTTP/1.1 302 Found\r\nLocation: {elsewhere.BaseUri}Advertisers/IRx/Actions?CampaignId=1000");
        await using var sandbox = await CoreSandbox.StartAsync(actions: 10, connect: s => s.BaseUri = redirecting.BaseUri);

        var e = await Assert.ThrowsAsync<ImpactApiException>(() =>
            new ActionReader(sandbox.Client(), sandbox.Clock).ListAsync(new ActionQuery { CampaignId = 1000 }).ToListAsync());

        Assert.Equal(302, e.StatusCode);
        Assert.Contains(elsewhere.BaseUri.GetLeftPart(UriPartial.Authority), e.Message);
        Assert.Contains("another origin", e.Message);
        Assert.Empty(elsewhere.Requests);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{0}/Advertisers/IRx/Actions?CampaignId=1000&Page=2")]
    [InlineData("//127.0.0.1:{0}/Advertisers/IRx/Actions?CampaignId=1000&Page=2")]
    [InlineData("\\\\127.0.0.1:{0}\\Advertisers\\IRx\\Actions?CampaignId=1000&Page=2")]
    public async Task A_paging_link_to_another_origin_is_refused_however_it_is_written(string link)
    {
        using var elsewhere = new FixedAnswerServer("HTTP/1.1 200 OK\r\nContent-Type: application/json", "{\"@page\":\"2\",\"@numpages\":\"2\",\"Actions\":[]}");
        var next = string.Format(System.Globalization.CultureInfo.InvariantCulture, link, elsewhere.BaseUri.Port).Replace("\\", "\\\\");
        using var api = new FixedAnswerServer("HTTP/1.1 200 OK\r\nContent-Type: application/json",
            "{\"@page\":\"1\",\"@numpages\":\"2\",\"@nextpageuri\":\"" + next + "\",\"Actions\":[{\"Id\":\"1000.1.1\",\"CampaignId\":\"1000\"}]}");
        await using var sandbox = await CoreSandbox.StartAsync(actions: 10, connect: s => s.BaseUri = api.BaseUri);

        var read = new System.Collections.Generic.List<string?>();
        var e = await Assert.ThrowsAsync<ImpactResponseException>(async () =>
        {
            await foreach (var action in new ActionReader(sandbox.Client(), sandbox.Clock).ListAsync(new ActionQuery { CampaignId = 1000 })) read.Add(action.Id);
        });

        Assert.Equal(new[] { "1000.1.1" }, read);
        Assert.Contains("the credentials are only sent", e.Message);
        Assert.Empty(elsewhere.Requests);
    }

    [Fact]
    public async Task A_next_page_link_back_to_a_page_read_already_ends_the_listing_with_an_error_instead_of_a_loop()
    {
        using var api = new FixedAnswerServer("HTTP/1.1 200 OK\r\nContent-Type: application/json",
            "{\"@page\":\"1\",\"@numpages\":\"9\",\"@nextpageuri\":\"/Advertisers/IRx/Actions?CampaignId=1000&Page=2\",\"Actions\":[{\"Id\":\"1000.1.1\",\"CampaignId\":\"1000\"}]}");
        await using var sandbox = await CoreSandbox.StartAsync(actions: 10, connect: s => s.BaseUri = api.BaseUri);

        var read = new System.Collections.Generic.List<string?>();
        var e = await Assert.ThrowsAsync<ImpactResponseException>(async () =>
        {
            await foreach (var action in new ActionReader(sandbox.Client(), sandbox.Clock).ListAsync(new ActionQuery { CampaignId = 1000 })) read.Add(action.Id);
        });

        // The first page, then page 2, whose link to page 3 is page 2 again.
        Assert.Equal(new[] { "1000.1.1", "1000.1.1" }, read);
        Assert.Contains("has read already", e.Message);
        Assert.Equal(2, api.Requests.Count);
    }

    [Fact]
    public async Task A_closed_connection_says_to_run_Connect_ImpactAccount()
    {
        await using var sandbox = await CoreSandbox.StartAsync(actions: 10);
        var client = sandbox.Client();
        sandbox.Connection.Dispose();

        var e = await Assert.ThrowsAsync<ImpactApiException>(() => new ActionReader(client, sandbox.Clock).GetAsync("1000.1.1"));

        Assert.True(e.ConnectionClosed);
        Assert.False(e.OutcomeUnknown);
        Assert.Contains("run Connect-ImpactAccount", e.Message);
        Assert.True(sandbox.Connection.IsClosed);
    }

    [Fact]
    public async Task No_request_asks_for_100_continue_and_a_host_gets_more_than_two_connections()
    {
        // Neither default of .NET Framework shows on .NET 10, whose defaults are the same as these: what is
        // asked of the handler is checked here, and on the wire by the proxy tests and the Mono host.
        await using var sandbox = await CoreSandbox.StartAsync(actions: 10);
        Assert.False(sandbox.Connection.Http.DefaultRequestHeaders.ExpectContinue);
        Assert.Equal(ImpactConnection.ConnectionsPerServer, sandbox.Connection.HandlerSetting("MaxConnectionsPerServer"));
        Assert.True(ImpactConnection.ConnectionsPerServer > 2);
    }

    [Theory]
    [InlineData("A/B")]
    [InlineData("SKU.")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("50% off?#1")]
    [InlineData("Back\\slash")]
    public async Task A_Sku_of_any_spelling_reaches_its_own_item(string sku)
    {
        await using var sandbox = await CoreSandbox.StartAsync(actions: 10);
        var action = sandbox.Modifiable();
        var odd = action.Items[0] with { Sku = sku, Quantity = 7 };
        sandbox.Host.Store.Replace(action with { Original = action.OriginalOrSelf, Items = action.Items.Skip(1).Prepend(odd).Append(action.Items[0]).ToList() });

        var item = await new ActionReader(sandbox.Client(), sandbox.Clock).GetItemAsync(action.Id, sku);

        Assert.Equal(sku, item.Sku);
        Assert.Equal(7, item.Quantity);
        Assert.Equal(action.Id, item.ActionId);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("1000.1.1/Items")]
    [InlineData("1000.1.1.")]
    public async Task An_ActionId_that_is_not_one_path_segment_is_refused_before_any_request(string actionId)
    {
        await using var sandbox = await CoreSandbox.StartAsync(actions: 10);
        await Assert.ThrowsAsync<ImpactQueryException>(() => new ActionReader(sandbox.Client(), sandbox.Clock).GetAsync(actionId));
        Assert.Empty(sandbox.Host.Requests.Since(0));
    }
}
