using System.Linq;
using System.Threading.Tasks;
using ImpactActions.Sandbox;
using ImpactActions.TestProxy;

namespace ImpactActions.Engine.Tests;

/// <summary>
/// Connect-ImpactAccount in the engine: a failed connect leaves no account behind, a closed connection
/// says what to run, and the proxy parameters reach a real forward proxy.
/// </summary>
public sealed class ConnectFailureAndProxyTests : IAsyncLifetime
{
    private SandboxHost _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await EngineSandbox.StartAsync(seed: 21);

    private (string, object?)[] Account => new (string, object?)[] { ("sid", _sandbox.AccountSid), ("token", _sandbox.AuthToken), ("uri", _sandbox.BaseUri) };

    [Fact]
    public void A_failed_connect_leaves_the_session_not_connected_and_says_so_without_the_password()
    {
        using var engine = PowerShellEngine.Start();
        EngineSandbox.Connect(engine, _sandbox);

        var failed = engine.Run("Connect-ImpactAccount -AccountSid $sid -AuthToken ([System.Net.NetworkCredential]::new('', $token).SecurePassword) -BaseUri 'https://IRx:hunter2@api.impact.com'", Account);
        var error = Assert.Single(failed.Errors);
        Assert.StartsWith("ImpactActions.InvalidConnection,", error.FullyQualifiedErrorId);
        Assert.Contains("not connected", error.Exception.Message);
        Assert.Contains("-AuthToken", error.Exception.Message);
        Assert.DoesNotContain("hunter2", failed.AllText());

        Assert.Empty(engine.Run("Get-ImpactConnection").ThrowIfFailed().Output);
        var next = engine.Run("Get-ImpactAction -CampaignId 1000 -First 1");
        Assert.StartsWith("ImpactActions.NotConnected,", Assert.Single(next.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void A_connection_closed_by_Disconnect_says_to_run_Connect_ImpactAccount()
    {
        using var engine = PowerShellEngine.Start();
        var outcome = engine.Run("""
            $c = Connect-ImpactAccount -AccountSid $sid -AuthToken ([System.Net.NetworkCredential]::new('', $token).SecurePassword) -BaseUri $uri -PassThru
            Disconnect-ImpactAccount
            Get-ImpactAction -CampaignId 1000 -First 1 -Connection $c
            """, Account);
        var error = Assert.Single(outcome.Errors);
        Assert.StartsWith("ImpactActions.ConnectionClosed,", error.FullyQualifiedErrorId);
        Assert.Contains("run Connect-ImpactAccount", error.Exception.Message);
    }

    [Fact]
    public void Proxy_and_ProxyCredential_reach_a_proxy_that_asks_for_credentials()
    {
        using var proxy = new ForwardProxy("proxyuser", "proxy-secret");
        using var engine = PowerShellEngine.Start();
        var connect = "Connect-ImpactAccount -AccountSid $sid -AuthToken ([System.Net.NetworkCredential]::new('', $token).SecurePassword) -BaseUri $uri -Proxy $proxy -MaxRetries 0";
        var variables = Account.Append(("proxy", proxy.Address)).ToArray();

        var refused = engine.Run(connect + "; Get-ImpactAction -CampaignId 1000 -First 1", variables);
        var error = Assert.Single(refused.Errors);
        Assert.StartsWith("ImpactActions.ProxyAuthenticationRequired,", error.FullyQualifiedErrorId);
        Assert.Contains(proxy.Address.ToString(), error.Exception.Message);
        Assert.Contains("-ProxyCredential", error.Exception.Message);

        var listed = engine.Run(connect + " -ProxyCredential ([pscredential]::new('proxyuser', [System.Net.NetworkCredential]::new('', 'proxy-secret').SecurePassword)) -Verbose; Get-ImpactAction -CampaignId 1000 -First 2 -Verbose", variables).ThrowIfFailed();
        Assert.Equal(2, listed.Output.Count);
        Assert.Contains(proxy.Requests, r => r.Authorized && r.Method == "GET");
        Assert.Contains(listed.Verbose, v => v.Contains("proxy " + proxy.Address + " (-Proxy)"));
        Assert.DoesNotContain("proxy-secret", listed.AllText());

        var both = engine.Run(connect + " -ProxyCredential ([pscredential]::new('u', [System.Net.NetworkCredential]::new('', 'p').SecurePassword)) -ProxyUseDefaultCredentials", variables);
        Assert.StartsWith("ImpactActions.InvalidConnection,", Assert.Single(both.Errors).FullyQualifiedErrorId);
    }

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();
}
