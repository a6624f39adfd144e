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
        Assert.Contains("refused the user name and password given with -ProxyCredential", e.Message);
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

    /// <summary>NO_PROXY entries and hosts, answered by .NET's own HttpEnvironmentProxy and by the plan alike.</summary>
    public static IEnumerable<object[]> NoProxyTable() =>
        from entry in new[] { "*", "impact.com", ".impact.com", "*.impact.com", "api.impact.com", "API.IMPACT.COM", " api.impact.com ", "api.impact.com:443",
                              "api.impact.com:8443", "::1", "[::1]", "0.0.1", ".0.0.1", "127.0.0.1", "127.0.0.1:5087", "localhost", "a b,api.impact.com",
                              "localhost;api.impact.com", ",,", "pact.com", ".com" }
        from target in new[] { "https://api.impact.com/", "https://impact.com/", "http://127.0.0.1:5087/", "http://[::1]:5087/", "http://localhost:5087/" }
        select new object[] { entry, target };

    [Theory]
    [MemberData(nameof(NoProxyTable))]
    public void NO_PROXY_is_read_as_the_runtime_reads_it(string noProxy, string target)
    {
        // HttpEnvironmentProxy is internal to System.Net.Http; its constructor takes the two proxies and NO_PROXY as read.
        var type = typeof(HttpClient).Assembly.GetType("System.Net.Http.HttpEnvironmentProxy", throwOnError: true)!;
        var runtime = (IWebProxy)type.GetConstructors(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)
            .Single(c => c.GetParameters().Length == 3)
            .Invoke(new object?[] { new Uri("http://proxy:3128"), new Uri("http://proxy:3128"), noProxy });

        Assert.Equal(runtime.IsBypassed(new Uri(target)), ProxyPlan.Bypassed(new Uri(target), noProxy));
    }

    [Theory]
    [InlineData("http://corp%5Cuser:p%40ss@proxy.corp:3128")]
    [InlineData("http://u:Winter2025!@127.0.0.1:9")]
    [InlineData("proxy:3128")]
    [InlineData("user:pw@proxy")]
    [InlineData("https://proxy:8443")]
    [InlineData("socks5://proxy:1080")]
    [InlineData("ftp://proxy")]
    [InlineData("http://[bad")]
    [InlineData("http://proxy:99999")]
    [InlineData("HTTP://Proxy:80/path")]
    [InlineData("  http://proxy:3128  ")]
    [InlineData("http://u:p@@proxy:1")]
    [InlineData("http://[::1]:3128")]
    public void A_proxy_variable_is_read_as_the_runtime_reads_it(string value)
    {
        var type = typeof(HttpClient).Assembly.GetType("System.Net.Http.HttpEnvironmentProxy", throwOnError: true)!;
        var runtime = (Uri?)type.GetMethod("GetUriFromString", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.Invoke(null, new object[] { value });
        Assert.Equal(runtime?.ToString(), ProxyPlan.ParseProxyVariable(value)?.ToString());
    }

    [Fact]
    public void HTTPS_PROXY_is_read_with_its_credentials_and_NO_PROXY_sends_direct()
    {
        var settings = new ConnectionSettings();
        var variables = new Dictionary<string, string?> { ["HTTPS_PROXY"] = "http://corp%5Cuser:p%40ss@proxy.corp:3128" };
        foreach (var frameworkLike in new[] { true, false })
        {
            var plan = ProxyPlan.For(settings, new Uri("https://api.impact.com"), n => variables.GetValueOrDefault(n), frameworkLike);
            Assert.Equal("HTTPS_PROXY", plan.Source);
            Assert.Equal(new Uri("http://proxy.corp:3128/"), plan.Address);
            Assert.Equal(ProxyCredentialSource.Variable, plan.CredentialSource);
            var credential = plan.Proxy!.Credentials!.GetCredential(new Uri("http://proxy.corp:3128/"), "Basic");
            Assert.Equal(("corp", "user", "p@ss"), (credential!.Domain, credential.UserName, credential.Password));
            Assert.Contains("p@ss", plan.Passwords);
            Assert.Contains("p%40ss", plan.Passwords);
            Assert.DoesNotContain("p@ss", plan.Describe());
        }

        variables["NO_PROXY"] = ".impact.com";
        var direct = ProxyPlan.For(settings, new Uri("https://api.impact.com"), n => variables.GetValueOrDefault(n), frameworkLike: true);
        Assert.False(direct.UseProxy);

        // An http:// address takes HTTP_PROXY, never HTTPS_PROXY; with only HTTPS_PROXY set it goes direct, as on .NET.
        variables.Remove("NO_PROXY");
        var plain = ProxyPlan.For(settings, new Uri("http://127.0.0.1:5087"), n => variables.GetValueOrDefault(n), frameworkLike: true);
        Assert.Null(plain.Address);
        Assert.False(plain.UseProxy);
    }

    /// <summary>An http:// BaseUri (loopback only) never reaches a proxy on another host, which would carry the token in clear.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_http_address_goes_only_through_a_proxy_on_loopback(bool frameworkLike)
    {
        var sandbox = new Uri("http://127.0.0.1:5087");
        var remote = new Dictionary<string, string> { ["HTTP_PROXY"] = "http://user:pw@proxy.corp:3128" };
        var fromVariable = ProxyPlan.For(new ConnectionSettings(), sandbox, n => remote.GetValueOrDefault(n), frameworkLike);
        Assert.False(fromVariable.UseProxy);
        Assert.Null(fromVariable.Address);
        Assert.Contains("HTTP_PROXY", fromVariable.DirectReason);

        var refused = Assert.Throws<ImpactConfigurationException>(() =>
            ProxyPlan.For(new ConnectionSettings { Proxy = new Uri("http://proxy.corp:3128") }, sandbox, _ => null, frameworkLike));
        Assert.Contains("unencrypted", refused.Message);

        var system = ProxyPlan.For(new ConnectionSettings(), sandbox, _ => null, frameworkLike);
        Assert.False(system.UseProxy);

        var local = new Dictionary<string, string> { ["HTTP_PROXY"] = "http://127.0.0.1:3128" };
        var onLoopback = ProxyPlan.For(new ConnectionSettings(), sandbox, n => local.GetValueOrDefault(n), frameworkLike);
        Assert.True(onLoopback.UseProxy);
        Assert.Equal(new Uri("http://127.0.0.1:3128/"), onLoopback.Address);
        Assert.Equal(new Uri("http://127.0.0.1:3128/"), ProxyPlan.For(new ConnectionSettings { Proxy = new Uri("http://127.0.0.1:3128") }, sandbox, _ => null, frameworkLike).Address);
    }

    [Fact]
    public void The_lower_case_variable_wins_as_on_NET_and_ALL_PROXY_only_fills_in()
    {
        var variables = new Dictionary<string, string?>
        {
            ["HTTPS_PROXY"] = "http://upper:3128", ["https_proxy"] = "http://lower:3128", ["ALL_PROXY"] = "socks5://socks:1080",
        };
        var plan = ProxyPlan.For(new ConnectionSettings(), new Uri("https://api.impact.com"), n => variables.GetValueOrDefault(n), frameworkLike: true);
        Assert.Equal(("https_proxy", "lower"), (plan.Source, plan.Address!.Host));
    }

    [Theory]
    [InlineData("ALL_PROXY", "socks5://socks.corp:1080", "socks5://")]
    [InlineData("HTTPS_PROXY", "https://proxy.corp:8443", "https://")]
    public void A_proxy_the_Framework_cannot_use_is_refused_at_connect_unless_NO_PROXY_bypasses_the_host(string variable, string value, string scheme)
    {
        var variables = new Dictionary<string, string?> { [variable] = value };
        var e = Assert.Throws<ImpactConfigurationException>(() =>
            ProxyPlan.For(new ConnectionSettings(), new Uri("https://api.impact.com"), n => variables.GetValueOrDefault(n), frameworkLike: true));
        Assert.Contains(variable, e.Message);
        Assert.Contains(scheme, e.Message);
        Assert.Contains("Windows PowerShell 5.1", e.Message);

        variables["NO_PROXY"] = "api.impact.com";
        Assert.False(ProxyPlan.For(new ConnectionSettings(), new Uri("https://api.impact.com"), n => variables.GetValueOrDefault(n), frameworkLike: true).UseProxy);
        // .NET speaks to such proxies itself.
        variables.Remove("NO_PROXY");
        Assert.Equal(new Uri(value).Scheme, ProxyPlan.For(new ConnectionSettings(), new Uri("https://api.impact.com"), n => variables.GetValueOrDefault(n), frameworkLike: false).Address!.Scheme);
    }

    [Fact]
    public void An_https_Proxy_is_refused_at_connect_where_the_runtime_cannot_use_it()
    {
        var settings = new ConnectionSettings { Proxy = new Uri("https://proxy.corp:8443") };
        var e = Assert.Throws<ImpactConfigurationException>(() => ProxyPlan.For(settings, new Uri("https://api.impact.com"), _ => null, frameworkLike: true));
        Assert.Contains("http://", e.Message);
        Assert.Equal("https", ProxyPlan.For(settings, new Uri("https://api.impact.com"), _ => null, frameworkLike: false).Address!.Scheme);
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

    [Fact]
    public async Task A_password_in_HTTPS_PROXY_never_appears_when_the_proxy_refuses_the_tunnel()
    {
        // .NET puts the proxy's address, password included (URL-encoded), in its ProxyTunnelError message.
        using var proxy = new ForwardProxy { ConnectAnswer = "502 Bad Gateway" };
        var variables = new Dictionary<string, string?> { ["HTTPS_PROXY"] = $"http://user:Winter2025!@127.0.0.1:{proxy.Port}" };
        await using var sandbox = await CoreSandbox.StartAsync(actions: 10, connect: s =>
        {
            s.BaseUri = new Uri("https://api.impact.test");
            s.MaxRetries = 1;
        }, environment: n => variables.GetValueOrDefault(n));
        var client = sandbox.Client();

        var e = await Assert.ThrowsAsync<ImpactApiException>(() => client.SendAsync(RelativeWrite(client, sandbox), default));

        var everything = string.Join("\n", sandbox.Log.Lines.Append(e.ToString()).Append(e.Message));
        Assert.DoesNotContain("Winter2025", everything);
        Assert.False(e.OutcomeUnknown);
        Assert.Null(e.StatusCode);
        Assert.Equal(2, proxy.Requests.Count(r => r.Method == "CONNECT"));
    }

    [Fact]
    public void A_password_in_any_proxy_variable_joins_the_redactor_on_every_runtime()
    {
        var variables = new Dictionary<string, string?> { ["ALL_PROXY"] = "http://u:S3cret%2Fpw@proxy:1", ["http_proxy"] = "http://v:Other!pw@proxy:2" };
        foreach (var frameworkLike in new[] { true, false })
        {
            var plan = ProxyPlan.For(new ConnectionSettings(), new Uri("https://api.impact.com"), n => variables.GetValueOrDefault(n), frameworkLike);
            var redactor = new ImpactActions.Core.Logging.Redactor(plan.Secrets, plan.Passwords);
            Assert.Equal("[redacted] [redacted] [redacted] [redacted]", redactor.RedactFailure("S3cret/pw S3cret%2Fpw Other!pw Other%21pw"));
        }
    }

    [Fact]
    public async Task A_407_for_the_Windows_sign_in_says_it_was_refused_and_points_to_ProxyCredential()
    {
        using var proxy = new ForwardProxy("proxyuser", "proxy-secret");
        await using var sandbox = await CoreSandbox.StartAsync(actions: 10, connect: s =>
        {
            s.Proxy = proxy.Address;
            s.ProxyUseDefaultCredentials = true;
        });

        var e = await Assert.ThrowsAsync<ImpactApiException>(() => new ActionReader(sandbox.Client(), sandbox.Clock).GetAsync("1000.1.1"));

        Assert.Equal(407, e.StatusCode);
        Assert.Contains("refused your Windows sign-in (-ProxyUseDefaultCredentials)", e.Message);
        Assert.Contains("-ProxyCredential instead", e.Message);
    }

    [Fact]
    public async Task A_407_for_the_credentials_in_HTTPS_PROXY_names_the_variable()
    {
        using var proxy = new ForwardProxy("proxyuser", "proxy-secret");
        var variables = new Dictionary<string, string?> { ["HTTPS_PROXY"] = $"http://proxyuser:wrong-secret@127.0.0.1:{proxy.Port}" };
        await using var sandbox = await CoreSandbox.StartAsync(actions: 10, connect: s => s.BaseUri = new Uri("https://api.impact.test"),
            environment: n => variables.GetValueOrDefault(n));

        var e = await Assert.ThrowsAsync<ImpactApiException>(() => new ActionReader(sandbox.Client(), sandbox.Clock).GetAsync("1000.1.1"));

        Assert.Equal(407, e.StatusCode);
        Assert.Contains($"The proxy http://127.0.0.1:{proxy.Port}/ (HTTPS_PROXY) refused the user name and password in HTTPS_PROXY", e.Message);
        Assert.DoesNotContain("wrong-secret", e.ToString());
    }
}
