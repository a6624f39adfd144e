using System.Linq;
using System.Threading.Tasks;
using ImpactActions.Sandbox;

namespace ImpactActions.Engine.Tests;

/// <summary>A connection belongs to its runspace; the AuthToken shows nowhere a user can look.</summary>
public sealed class ConnectionTests : IAsyncLifetime
{
    private SandboxHost _first = null!;
    private SandboxHost _second = null!;

    public async Task InitializeAsync()
    {
        _first = await EngineSandbox.StartAsync(seed: 11);
        _second = await EngineSandbox.StartAsync(seed: 12);
    }

    [Fact]
    public void Two_runspaces_connected_to_two_accounts_each_list_their_own_and_a_third_has_no_connection()
    {
        using var one = PowerShellEngine.Start();
        using var two = PowerShellEngine.Start();
        using var three = PowerShellEngine.Start();
        EngineSandbox.Connect(one, _first);
        EngineSandbox.Connect(two, _second);

        Assert.Equal(_first.AccountSid, one.Run("(Get-ImpactConnection).AccountSid").ThrowIfFailed().Output.Single().ToString());
        Assert.Equal(_second.AccountSid, two.Run("(Get-ImpactConnection).AccountSid").ThrowIfFailed().Output.Single().ToString());
        var firstIds = one.Run("Get-ImpactAction -CampaignId 1000 -First 20").ThrowIfFailed().Values("Id");
        var secondIds = two.Run("Get-ImpactAction -CampaignId 1000 -First 20").ThrowIfFailed().Values("Id");
        Assert.All(firstIds, id => Assert.NotNull(_first.Store.FindById(id!)));
        Assert.All(secondIds, id => Assert.NotNull(_second.Store.FindById(id!)));
        Assert.NotEqual(firstIds, secondIds);

        Assert.Empty(three.Run("Get-ImpactConnection").ThrowIfFailed().Output);
        var notConnected = three.Run("Get-ImpactAction -CampaignId 1000");
        Assert.StartsWith("ImpactActions.NotConnected,", Assert.Single(notConnected.Errors).FullyQualifiedErrorId);

        // ForEach-Object -Parallel runs each script block in a runspace of its own: none of them is connected.
        var parallel = one.Run("1..2 | ForEach-Object -Parallel { Import-Module $using:manifest; [bool](Get-ImpactConnection) }", ("manifest", PowerShellEngine.Manifest)).ThrowIfFailed();
        Assert.Equal(new[] { "False", "False" }, parallel.Output.Select(o => o.ToString()));
        // A connection handed over explicitly works there.
        var handed = one.Run("$c = Get-ImpactConnection; 1..2 | ForEach-Object -Parallel { Import-Module $using:manifest; @(Get-ImpactAction -CampaignId 1000 -First 1 -Connection $using:c).Count }", ("manifest", PowerShellEngine.Manifest)).ThrowIfFailed();
        Assert.Equal(new[] { "1", "1" }, handed.Output.Select(o => o.ToString()));
    }

    private static ScriptOutcome ConnectWith(PowerShellEngine engine, SandboxHost host, string token, string extra = "") =>
        engine.Run($"Connect-ImpactAccount -AccountSid $sid -AuthToken ([System.Net.NetworkCredential]::new('', $token).SecurePassword) -BaseUri $uri -MaxRetries 0 -Verbose {extra}",
            ("sid", host.AccountSid), ("token", token), ("uri", host.BaseUri));

    [Fact]
    public void Connect_checks_the_credentials_with_one_request_and_a_wrong_token_fails_it_leaving_the_session_not_connected()
    {
        using var engine = PowerShellEngine.Start();
        EngineSandbox.Connect(engine, _first);
        var start = _first.Requests.Count;

        var refused = ConnectWith(engine, _first, "not-the-token");
        var error = Assert.Single(refused.Errors);

        Assert.StartsWith("ImpactActions.Unauthorized,", error.FullyQualifiedErrorId);
        Assert.Contains("refused the credentials", error.Exception.Message);
        Assert.Contains("The session is not connected", error.Exception.Message);
        Assert.DoesNotContain("not-the-token", error.Exception.Message);
        Assert.Equal(401, Assert.Single(_first.Requests.Since(start)).StatusCode);
        Assert.Empty(engine.Run("Get-ImpactConnection").ThrowIfFailed().Output);

        var accepted = ConnectWith(engine, _first, _first.AuthToken).ThrowIfFailed();
        Assert.Contains(accepted.Verbose, v => v.StartsWith("The API accepted the credentials", System.StringComparison.Ordinal));
        var check = Assert.Single(_first.Requests.Since(start + 1));
        Assert.Equal((404, "GET"), (check.StatusCode, check.Method));
    }

    [Fact]
    public void SkipCredentialCheck_connects_without_a_request_and_the_first_command_meets_the_refusal()
    {
        using var engine = PowerShellEngine.Start();
        var start = _second.Requests.Count;
        ConnectWith(engine, _second, "not-the-token", "-SkipCredentialCheck").ThrowIfFailed();
        Assert.Empty(_second.Requests.Since(start));
        var first = engine.Run("Get-ImpactAction -ActionId 1000.1.1");
        Assert.StartsWith("ImpactActions.Unauthorized,", Assert.Single(first.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Verbose_debug_errors_and_output_never_show_the_AuthToken()
    {
        using var engine = PowerShellEngine.Start();
        var outcome = engine.Run("""
            $DebugPreference = 'Continue'; $VerbosePreference = 'Continue'
            Connect-ImpactAccount -AccountSid $sid -AuthToken ([System.Net.NetworkCredential]::new('', $token).SecurePassword) -BaseUri $uri -PassThru -Verbose -Debug
            Get-ImpactConnection
            Get-ImpactAction -CampaignId 1000 -First 2 -Verbose -Debug
            Get-ImpactAction -ActionId 'no.such.action' -Verbose -Debug
            Set-ImpactActionItem -ActionId 'no.such.action' -Sku 1 -Quantity 0 -Verbose -Debug
            Connect-ImpactAccount -AccountSid $sid -AuthToken ([System.Net.NetworkCredential]::new('', 'wrong-token').SecurePassword) -BaseUri $uri
            Get-ImpactAction -CampaignId 1000 -First 1 -Verbose -Debug
            """, ("sid", _first.AccountSid), ("token", _first.AuthToken), ("uri", _first.BaseUri));

        Assert.NotEmpty(outcome.Verbose);
        Assert.NotEmpty(outcome.Debug);
        Assert.NotEmpty(outcome.Errors);
        var text = outcome.AllText();
        Assert.DoesNotContain(_first.AuthToken, text);
        Assert.DoesNotContain(System.Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(_first.AccountSid + ":" + _first.AuthToken)), text);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }
}
