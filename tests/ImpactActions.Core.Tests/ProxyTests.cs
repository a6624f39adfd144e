using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using ImpactActions.Core.Connection;
using ImpactActions.Core.Http;
using ImpactActions.Core.Paging;
using ImpactActions.TestProxy;

namespace ImpactActions.Core.Tests;

/// <summary>
/// Connections through a real forward proxy on loopback (tests/ImpactActions.TestProxy), over real HTTP.
/// The runtime's own WebProxy never proxies a loopback address, so a proxy test against the loopback
/// sandbox could pass without any proxy at all; -Proxy here sends loopback through it too, and every test
/// proves the proxy's part by what the proxy itself recorded.
/// </summary>
public sealed class ProxyTests
{
    private static KeyValuePair<string, string> Field(string name, string value) => new(name, value);

    /// <summary>A relative item change: sent twice it would apply twice, so it is retried only on proof that it never left.</summary>
    private static ApiRequest RelativeWrite(ImpactApiClient client, CoreSandbox sandbox)
    {
        var action = sandbox.Modifiable();
        var item = action.Items[0];
        return new ApiRequest(HttpMethod.Put, client.Path("Actions"), new[]
        {
            Field("ActionId", action.Id), Field("Reason", "ORDER_UPDATE"), Field("Sku", item.Sku),
            Field("Quantity", item.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture)), Field("ItemSubTotalDelta", "-1.00"),
        }) { Idempotent = false };
    }

    [Fact]
    public async Task Plain_http_goes_through_the_given_proxy_as_absolute_URIs_without_Expect()
    {
        using var proxy = new ForwardProxy();
        await using var sandbox = await CoreSandbox.StartAsync(connect: s => s.Proxy = proxy.Address);
        var client = sandbox.Client();

        var listed = await new ActionReader(client, sandbox.Clock).ListAsync(new ActionQuery { CampaignId = 1000 }).ToListAsync(take: 3);
        using var answer = await client.SendAsync(RelativeWrite(client, sandbox), default);

        Assert.Equal(3, listed.Count);
        var seen = proxy.Requests;
        Assert.Contains(seen, r => r.Method == "GET" && r.Target.StartsWith(sandbox.Host.BaseUri.GetLeftPart(UriPartial.Authority) + "/Advertisers/", StringComparison.Ordinal));
        var put = Assert.Single(seen, r => r.Method == "PUT");
        Assert.Null(put.Header("Expect"));
        Assert.Equal(seen.Count, sandbox.Host.Requests.Since(0).Count);
    }

    [Fact]
    public async Task A_proxy_asking_for_credentials_is_an_error_naming_it_and_the_parameter_and_proves_the_write_unsent()
    {
        using var proxy = new ForwardProxy("proxyuser", "proxy-secret");
        await using var sandbox = await CoreSandbox.StartAsync(connect: s => s.Proxy = proxy.Address);
        var client = sandbox.Client();

        var e = await Assert.ThrowsAsync<ImpactApiException>(() => client.SendAsync(RelativeWrite(client, sandbox), default));

        Assert.Equal(407, e.StatusCode);
        Assert.Contains(proxy.Address.ToString(), e.Message);
        Assert.Contains("-ProxyCredential", e.Message);
        Assert.False(e.OutcomeUnknown);
        Assert.Single(proxy.Requests);
        Assert.Empty(sandbox.Host.Requests.Since(0));
    }

    [Fact]
    public async Task Given_proxy_credentials_answer_the_407_and_never_appear_in_the_log()
    {
        using var proxy = new ForwardProxy("proxyuser", "proxy-secret");
        await using var sandbox = await CoreSandbox.StartAsync(connect: s =>
        {
            s.Proxy = proxy.Address;
            s.ProxyCredential = new NetworkCredential("proxyuser", "proxy-secret");
        });
        var client = sandbox.Client();

        var listed = await new ActionReader(client, sandbox.Clock).ListAsync(new ActionQuery { CampaignId = 1000 }).ToListAsync(take: 2);

        Assert.Equal(2, listed.Count);
        Assert.Contains(proxy.Requests, r => r.Authorized);
        Assert.DoesNotContain(sandbox.Log.Lines, l => l.Contains("proxy-secret"));
    }

    [Fact]
    public async Task Wrong_proxy_credentials_say_so()
    {
        using var proxy = new ForwardProxy("proxyuser", "proxy-secret");
        await using var sandbox = await CoreSandbox.StartAsync(connect: s =>
        {
            s.Proxy = proxy.Address;
            s.ProxyCredential = new NetworkCredential("proxyuser", "wrong-secret");
        });

        var e = await Assert.ThrowsAsync<ImpactApiException>(() => new ActionReader(sandbox.Client(), sandbox.Clock).GetAsync("1000.1.1"));

        Assert.Equal(407, e.StatusCode);
        Assert.Contains("refused the proxy credentials", e.Message);
        Assert.DoesNotContain("wrong-secret", e.Message);
    }

    [Fact]
    public async Task Https_goes_through_a_CONNECT_tunnel_and_a_failed_handshake_proves_the_write_never_left()
    {
        // api.impact.test resolves nowhere: only the proxy knows it, and sends its tunnel to the sandbox's
        // plain-HTTP port, where the TLS handshake fails before any request is written.
        using var proxy = new ForwardProxy("proxyuser", "proxy-secret");
        await using var sandbox = await CoreSandbox.StartAsync(connect: s =>
        {
            s.BaseUri = new Uri("https://api.impact.test");
            s.Proxy = proxy.Address;
            s.ProxyCredential = new NetworkCredential("proxyuser", "proxy-secret");
            s.MaxRetries = 2;
        });
        proxy.Reroute["api.impact.test:443"] = "127.0.0.1:" + sandbox.Host.BaseUri.Port;
        var client = sandbox.Client();

        var e = await Assert.ThrowsAsync<ImpactApiException>(() => client.SendAsync(RelativeWrite(client, sandbox), default));

        Assert.False(e.OutcomeUnknown);
        Assert.NotNull(e.InnerException);
        Assert.Equal(3, proxy.Requests.Count(r => r.Method == "CONNECT" && r.Target == "api.impact.test:443" && r.Authorized));
        Assert.DoesNotContain(sandbox.Host.Requests.Since(0), r => r.PathAndQuery.StartsWith("/Advertisers/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_407_to_a_tunnel_names_the_proxy_and_is_not_retried()
    {
        using var proxy = new ForwardProxy("proxyuser", "proxy-secret");
        await using var sandbox = await CoreSandbox.StartAsync(connect: s =>
        {
            s.BaseUri = new Uri("https://api.impact.test");
            s.Proxy = proxy.Address;
        });

        var e = await Assert.ThrowsAsync<ImpactApiException>(() => new ActionReader(sandbox.Client(), sandbox.Clock).GetAsync("1000.1.1"));

        Assert.Equal(407, e.StatusCode);
        Assert.Contains(proxy.Address.ToString(), e.Message);
        Assert.Contains("-ProxyCredential", e.Message);
        Assert.Single(proxy.Requests);
    }

    [Theory]
    [InlineData("api.impact.com", "api.impact.com", true)]
    [InlineData("api.impact.com", ".impact.com", true)]
    [InlineData("api.impact.com", "impact.com", true)]
    [InlineData("api.impact.com", "*.impact.com", true)]
    [InlineData("api.impact.com", "*", true)]
    [InlineData("api.impact.com", "localhost, 127.0.0.1:8080,example.org", false)]
    [InlineData("api.impact.com", "pact.com", false)]
    [InlineData("127.0.0.1", "localhost,127.0.0.1", true)]
    public void NO_PROXY_names_hosts_and_domain_suffixes(string host, string noProxy, bool bypassed) =>
        Assert.Equal(bypassed, ProxyPlan.Bypassed(new Uri("https://" + host + "/"), noProxy));

    [Fact]
    public void On_the_Framework_path_HTTPS_PROXY_is_read_with_its_credentials_and_NO_PROXY_sends_direct()
    {
        var settings = new ConnectionSettings();
        var variables = new Dictionary<string, string?> { ["HTTPS_PROXY"] = "http://corp%5Cuser:p%40ss@proxy.corp:3128" };
        var plan = ProxyPlan.For(settings, new Uri("https://api.impact.com"), n => variables.GetValueOrDefault(n), readEnvironment: true);
        Assert.Equal("HTTPS_PROXY", plan.Source);
        Assert.Equal(new Uri("http://proxy.corp:3128/"), plan.Address);
        var credential = plan.Proxy!.Credentials!.GetCredential(new Uri("http://proxy.corp:3128/"), "Basic");
        Assert.Equal(("corp\\user", "p@ss"), (credential!.UserName, credential.Password));
        Assert.Contains("p@ss", plan.Secrets);
        Assert.DoesNotContain("p@ss", plan.Describe());

        variables["NO_PROXY"] = ".impact.com";
        var direct = ProxyPlan.For(settings, new Uri("https://api.impact.com"), n => variables.GetValueOrDefault(n), readEnvironment: true);
        Assert.False(direct.UseProxy);

        // An http:// address takes HTTP_PROXY, never HTTPS_PROXY.
        variables.Remove("NO_PROXY");
        var plain = ProxyPlan.For(settings, new Uri("http://127.0.0.1:5087"), n => variables.GetValueOrDefault(n), readEnvironment: true);
        Assert.Null(plain.Address);
    }

    [Theory]
    [InlineData("http://user:pass@proxy.corp:3128", "-ProxyCredential")]
    [InlineData("ftp://proxy.corp", "http://")]
    public void A_proxy_address_with_credentials_or_another_scheme_is_refused(string proxy, string expected)
    {
        var settings = new ConnectionSettings { AccountSid = "IRabc", AuthToken = CoreSandbox.Secret("t"), Proxy = new Uri(proxy) };
        var e = Assert.Throws<ImpactConfigurationException>(() => ImpactConnection.Open(settings, _ => null));
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain("pass@", e.Message);
    }
}
