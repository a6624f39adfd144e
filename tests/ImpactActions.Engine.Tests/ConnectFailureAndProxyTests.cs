using System;
using System.Linq;
using System.Management.Automation;
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

    /// <summary>
    /// A token pasted into the address (as a query, a fragment, a password) is never repeated: not in the message, its
    /// details, the recommended action or the TargetObject. InvocationInfo keeps the command line as typed, as it does
    /// for any parameter.
    /// </summary>
    [Theory]
    [InlineData("http://127.0.0.1:5347/?token={0}")]
    [InlineData("http://127.0.0.1:5347/?a=1&token={0}#frag")]
    [InlineData("https://api.impact.com/Advertisers?token={0}")]
    [InlineData("https://api.impact.com/#{0}")]
    [InlineData("http://api.example.com/?token={0}")]
    [InlineData("https://IRx:{0}@api.impact.com/?token={0}")]
    public void A_BaseUri_with_a_query_or_fragment_is_refused_without_repeating_any_part_of_it(string address)
    {
        const string secret = "Zq7Kx9PwLm4TvB2nRy8HdQ";
        using var engine = PowerShellEngine.Start();
        var failed = engine.Run("Connect-ImpactAccount -AccountSid $sid -AuthToken ([System.Net.NetworkCredential]::new('', $token).SecurePassword) -BaseUri $address",
            ("sid", _sandbox.AccountSid), ("token", secret), ("address", string.Format(System.Globalization.CultureInfo.InvariantCulture, address, secret)));

        var error = (failed.Errors.Count > 0 ? failed.Errors[0] : null) ?? (failed.TerminatingError as IContainsErrorRecord)?.ErrorRecord;
        Assert.NotNull(error);
        Assert.StartsWith("ImpactActions.InvalidConnection,", error!.FullyQualifiedErrorId);
        Assert.Contains("BaseUri", error.Exception.Message);
        var shown = string.Join("\n", error.ToString(), error.Exception.ToString(), error.ErrorDetails?.Message, error.ErrorDetails?.RecommendedAction,
            error.TargetObject?.ToString(), error.CategoryInfo.ToString(), error.CategoryInfo.TargetName, failed.AllText());
        // No piece of the value, however short a stretch of it: every 5 characters of it are looked for.
        for (var i = 0; i + 5 <= secret.Length; i++)
            Assert.DoesNotContain(secret.Substring(i, 5), shown);
        Assert.DoesNotContain("token=", shown);
    }

    /// <summary>
    /// A reconnect closes the connection it replaces when nothing else can reach it, and leaves open the ones the user
    /// was given (-PassThru, Get-ImpactConnection), which may still be passed with -Connection.
    /// </summary>
    [Fact]
    public void Reconnecting_closes_the_replaced_connection_unless_the_user_holds_it()
    {
        using var engine = PowerShellEngine.Start();
        const string connect = "Connect-ImpactAccount -AccountSid $sid -AuthToken ([System.Net.NetworkCredential]::new('', $token).SecurePassword) -BaseUri $uri";
        // The session's connection read as the module holds it, without handing it out as Get-ImpactConnection does.
        const string sessionConnection = "[ImpactActions.Cmdlets.ConnectImpactAccountCommand].Assembly.GetType('ImpactActions.Session.ImpactSession').GetProperty('Current').GetValue($null).Connection";
        var outcome = engine.Run(
            $"{connect}; $unheld = {sessionConnection}; "
            + $"{connect}; $unheldClosed = $unheld.IsClosed; "
            + $"$passed = {connect} -PassThru; {connect}; "
            + $"$got = Get-ImpactConnection; {connect}; "
            + "$unheldClosed; $passed.IsClosed; $got.IsClosed; @(Get-ImpactAction -CampaignId 1000 -Connection $passed -First 1).Count; @(Get-ImpactAction -CampaignId 1000 -Connection $got -First 1).Count",
            Account).ThrowIfFailed();
        Assert.Equal(new object[] { true, false, false, 1, 1 }, outcome.Output.Select(o => o.BaseObject).ToArray());
    }

    /// <summary>Failures in parameter binding, which end the command before any of its methods runs.</summary>
    [Theory]
    [InlineData("Connect-ImpactAccount -Credential $null")]
    [InlineData("Connect-ImpactAccount -AccountSid '' -AuthToken $secure")]
    [InlineData("Connect-ImpactAccount -AccountSid $sid -AuthToken $secure -BaseUri $uri -TimeoutSeconds 0")]
    [InlineData("Connect-ImpactAccount -AccountSid $sid -AuthToken $secure -BaseUri $uri -ApiVersion 5")]
    [InlineData("Connect-ImpactAccount -AccountSid $sid -AuthToken $secure -BaseUri $uri -Proxy 'http://[bad'")]
    [InlineData("Connect-ImpactAccount -AccountSid $sid -AuthToken $secure -BaseUri $uri -NoSuchParameter 1")]
    [InlineData("Connect-ImpactAccount -AccountSid $sid -AuthToken $secure -BaseUri $uri -MaxRetries many")]
    [InlineData("Connect-ImpactAccount -AccountSid $sid")]
    public void A_connect_that_fails_in_parameter_binding_leaves_the_session_not_connected(string connect)
    {
        using var engine = PowerShellEngine.Start();
        EngineSandbox.Connect(engine, _sandbox);
        Assert.Single(engine.Run("Get-ImpactConnection").ThrowIfFailed().Output);

        var failed = engine.Run("$secure = [System.Net.NetworkCredential]::new('', $token).SecurePassword; " + connect, Account);
        Assert.True(failed.TerminatingError is not null || failed.Errors.Count > 0, "the connect failed");

        Assert.Empty(engine.Run("Get-ImpactConnection").ThrowIfFailed().Output);
        var next = engine.Run("[pscustomobject]@{ ActionId = '1000.1.1'; Sku = 'A'; Quantity = '1' } | Set-ImpactActionItem");
        Assert.StartsWith("ImpactActions.NotConnected,", Assert.Single(next.Errors).FullyQualifiedErrorId);
        Assert.DoesNotContain(_sandbox.Requests.Since(0), r => r.Method == "PUT");
    }

    [Fact]
    public void Disconnecting_while_rows_are_fed_fails_each_later_row_with_ConnectionClosed_and_every_result_comes_out()
    {
        using var engine = PowerShellEngine.Start();
        EngineSandbox.Connect(engine, _sandbox);
        var actions = _sandbox.Store.All().Where(a => !a.IsLockedAt(_sandbox.Clock.Now.AddDays(1)) && a.State != ImpactActions.Sandbox.Data.ActionState.REVERSED).Take(3).ToList();
        var rows = actions.Select(a => PowerShellEngine.CsvRow(("ActionId", a.Id), ("Sku", a.Items[0].Sku), ("Quantity", a.Items[0].Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToArray();

        var outcome = engine.Run("$rows | ForEach-Object -Begin { $n = 0 } -Process { $n++; if ($n -eq 2) { Disconnect-ImpactAccount }; $_ } | Set-ImpactActionItem -ErrorAction SilentlyContinue -ErrorVariable rowErrors; ,$rowErrors", ("rows", rows));

        Assert.Null(outcome.TerminatingError);
        var results = outcome.Output.Take(outcome.Output.Count - 1).ToList();
        Assert.Equal(3, results.Count);
        Assert.Contains(results, r => r.Properties["Status"].Value.ToString() == "Failed");
        Assert.DoesNotContain(results, r => r.Properties["Status"].Value.ToString() == "OutcomeUnknown");
        var errors = ((System.Collections.IEnumerable)outcome.Output[^1].BaseObject).Cast<object>().Select(e => (ErrorRecord)(e is PSObject p ? p.BaseObject : e)).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.StartsWith("ImpactActions.ConnectionClosed", e.FullyQualifiedErrorId));
        Assert.All(errors, e => Assert.Contains("run Connect-ImpactAccount", e.Exception.Message));
    }

    [Fact]
    public void Disconnecting_while_a_listing_feeds_item_reads_is_ConnectionClosed()
    {
        using var engine = PowerShellEngine.Start();
        EngineSandbox.Connect(engine, _sandbox);

        var outcome = engine.Run("Get-ImpactAction -CampaignId 1000 -First 3 | ForEach-Object -Begin { $n = 0 } -Process { $n++; if ($n -eq 2) { Disconnect-ImpactAccount }; $_ } | Get-ImpactActionItem");

        Assert.Null(outcome.TerminatingError);
        Assert.True(outcome.Output.Count > 0, string.Join("; ", outcome.Errors.Select(e => e.FullyQualifiedErrorId + " " + e.Exception.Message)));
        Assert.NotEmpty(outcome.Errors);
        Assert.All(outcome.Errors, e => Assert.StartsWith("ImpactActions.ConnectionClosed,", e.FullyQualifiedErrorId));
    }

    [Fact]
    public void Read_cmdlets_drop_the_spaces_around_an_identifier_and_say_so()
    {
        using var engine = PowerShellEngine.Start();
        EngineSandbox.Connect(engine, _sandbox);
        var action = _sandbox.Store.All().First();

        var items = engine.Run("Get-ImpactActionItem -ActionId $id -Verbose", ("id", " " + action.Id + " ")).ThrowIfFailed();
        Assert.Equal(action.Items.Count, items.Output.Count);
        Assert.Contains(items.Verbose, v => v.Contains($"The spaces around ActionId ' {action.Id} ' are not part of it"));

        var one = engine.Run("Get-ImpactActionItem -ActionId $id -Sku $sku", ("id", action.Id + "\t"), ("sku", " " + action.Items[0].Sku)).ThrowIfFailed();
        Assert.Equal(action.Items[0].Sku, Assert.Single(one.Output).Properties["Sku"].Value);

        Assert.Single(engine.Run("Get-ImpactAction -ActionId $id", ("id", " " + action.Id)).ThrowIfFailed().Output);
    }

    [Fact]
    public async Task A_listing_whose_answer_stalls_ends_with_an_error_within_TimeoutSeconds_per_read()
    {
        using var stalling = new StallingServer();
        using var engine = PowerShellEngine.Start();
        var run = Task.Run(() => engine.Run(
            "Connect-ImpactAccount -AccountSid IRx -AuthToken ([System.Net.NetworkCredential]::new('', 'x').SecurePassword) -BaseUri $uri -TimeoutSeconds 1 -MaxRetries 1 -SkipCredentialCheck; Get-ImpactAction -CampaignId 1000",
            ("uri", stalling.BaseUri)));
        // Bounds the test, not the code: without the stall timeout the listing never ends.
        Assert.Same(run, await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(2))));

        var error = Assert.Single((await run).Errors);
        Assert.StartsWith("ImpactActions.ApiUnavailable,", error.FullyQualifiedErrorId);
        Assert.Contains("stalled", error.Exception.Message);
        Assert.Equal(2, stalling.RequestCount);
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

        // Connect's credential check is the first request through the proxy: the connect step fails, naming the remedy.
        var refused = engine.Run(connect, variables);
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
