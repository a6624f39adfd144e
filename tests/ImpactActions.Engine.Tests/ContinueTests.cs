using System;
using System.Linq;
using System.Threading.Tasks;

namespace ImpactActions.Engine.Tests;

/// <summary>
/// Get-ImpactAction -Continue goes on exactly where the last listing stopped, however it stopped: every
/// record once across any sequence of calls. -IncludeTotalCount says what the API says. (A downstream
/// Select-Object is in tests/Pester/Get-ImpactAction.Tests.ps1: this engine has only the Core cmdlets.)
/// </summary>
public sealed class ContinueTests : IClassFixture<EngineSandbox>
{
    private const string Listing = "Get-ImpactAction -CampaignId 1000 -StartDate ([datetime]::Now).AddDays(-80) -EndDate ([datetime]::Now)";
    private readonly EngineSandbox _sandbox;

    public ContinueTests(EngineSandbox sandbox) => _sandbox = sandbox;

    private string[] Everything() => _sandbox.Engine.Run(Listing).ThrowIfFailed().Values("Id").Select(v => v!).ToArray();

    [Fact]
    public void Calls_of_First_20_then_Continue_hand_out_every_record_once_in_order()
    {
        var all = Everything();
        Assert.True(all.Length > 80, $"the sandbox lists {all.Length} actions");
        var outcome = _sandbox.Engine.Run($"{Listing} -First 20; 1..4 | ForEach-Object {{ Get-ImpactAction -Continue -First 20 }}").ThrowIfFailed();
        Assert.Equal(all.Take(100), outcome.Values("Id"));
    }

    [Fact]
    public void After_a_Ctrl_C_Continue_hands_out_exactly_the_records_not_yet_handed_out()
    {
        var all = Everything();
        // The second window's page hangs: Ctrl+C comes while the listing waits for it, after the first window's records.
        var handedOut = StoppedAtSecondListingRequest(Listing).Values("Id");
        Assert.NotEmpty(handedOut);
        Assert.True(handedOut.Count < all.Length);
        var rest = _sandbox.Engine.Run("Get-ImpactAction -Continue").ThrowIfFailed().Values("Id");
        Assert.Equal(all, handedOut.Concat(rest).Select(id => id!).ToArray());
    }

    /// <summary>Runs <paramref name="script"/> and stops it as Ctrl+C does while its second listing request hangs.</summary>
    private ScriptOutcome StoppedAtSecondListingRequest(string script)
    {
        var hang = new Sandbox.FaultRule { Method = "GET", PathContains = "/Actions?", Occurrence = 2, Kind = Sandbox.Pipeline.FaultKind.Slow };
        using var faults = _sandbox.Faults(TimeSpan.FromMinutes(5), hang);
        var start = _sandbox.Host.Requests.Count;
        return _sandbox.Engine.RunAndStop(script,
            () => _sandbox.Host.Requests.Since(start).Count(r => r.PathAndQuery.Contains("/Actions?", StringComparison.Ordinal)) >= 2).Outcome;
    }

    [Fact]
    public void A_Continue_stopped_while_it_passes_over_what_was_handed_out_keeps_the_position_it_was_given()
    {
        var all = Everything();
        var handedOut = _sandbox.Engine.Run($"{Listing} -First {all.Length - 5}").ThrowIfFailed().Values("Id");
        // The Continue re-reads the first window to pass over it, and stops while the second window's page hangs.
        Assert.Empty(StoppedAtSecondListingRequest("Get-ImpactAction -Continue").Values("Id"));
        var rest = _sandbox.Engine.Run("Get-ImpactAction -Continue").ThrowIfFailed().Values("Id");
        Assert.Equal(all, handedOut.Concat(rest).Select(id => id!).ToArray());
    }

    [Fact]
    public async Task Continue_goes_on_after_the_last_action_handed_out_when_an_action_before_it_was_updated_since()
    {
        await using var host = await EngineSandbox.StartAsync(seed: 43);
        using var engine = PowerShellEngine.Start();
        EngineSandbox.Connect(engine, host);
        // An update moves an action's last-updated date past the range's end: it leaves the listing.
        var end = DateTimeOffset.Now.AddHours(-2).ToString("o", System.Globalization.CultureInfo.InvariantCulture);
        var open = $"Get-ImpactAction -CampaignId 1000 -StartDate ([datetime]::Now).AddDays(-40) -EndDate '{end}'";
        var all = engine.Run(open).ThrowIfFailed().Values("Id").Select(v => v!).ToArray();
        Assert.True(all.Length > 20, $"the sandbox lists {all.Length} actions");
        var first = engine.Run($"{open} -First 10").ThrowIfFailed().Values("Id");
        // The third action handed out is updated: it leaves the listing, and those after it move up by one.
        engine.Run("Set-ImpactAction -ActionId $id -CustomerStatus EXISTING", ("id", first[2])).ThrowIfFailed();
        await host.Queue.WhenIdleAsync(TimeSpan.FromSeconds(30), default);

        var next = engine.Run("Get-ImpactAction -Continue -First 10").ThrowIfFailed().Values("Id");
        Assert.Equal(all.Skip(10).Take(10), next);
    }

    [Fact]
    public async Task Listing_a_batch_updating_it_and_continuing_hands_out_every_action_once()
    {
        await using var host = await EngineSandbox.StartAsync(seed: 45);
        using var engine = PowerShellEngine.Start();
        EngineSandbox.Connect(engine, host);
        // An open range: each update moves its action's last-updated date to now, still inside the range.
        const string open = "Get-ImpactAction -CampaignId 1000 -StartDate ([datetime]::Now).AddDays(-40)";
        var all = engine.Run(open).ThrowIfFailed().Values("Id").Select(v => v!).ToArray();
        Assert.True(all.Length > 30, $"the sandbox lists {all.Length} actions");
        var handedOut = engine.Run($"{open} -First 10").ThrowIfFailed().Values("Id").Select(v => v!).ToList();
        // One action not yet handed out is updated too: it moves, and is still handed out once.
        var ahead = all.Except(handedOut).Skip(5).First();
        for (var round = 0; round < 5; round++)
        {
            foreach (var id in handedOut.Skip(handedOut.Count - 10).Append(round == 0 ? ahead : null).Where(i => i is not null))
                engine.Run("Set-ImpactAction -ActionId $id -CustomerStatus EXISTING", ("id", id)).ThrowIfFailed();
            await host.Queue.WhenIdleAsync(TimeSpan.FromSeconds(30), default);
            var next = engine.Run("Get-ImpactAction -Continue -First 10").ThrowIfFailed();
            Assert.Empty(next.Warnings);
            handedOut.AddRange(next.Values("Id").Select(v => v!));
        }
        handedOut.AddRange(engine.Run("Get-ImpactAction -Continue").ThrowIfFailed().Values("Id").Select(v => v!));
        Assert.Equal(all.OrderBy(i => i, StringComparer.Ordinal), handedOut.OrderBy(i => i, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Continue_reads_the_account_the_listing_read_and_refuses_another()
    {
        await using var other = await EngineSandbox.StartAsync(seed: 44);
        using var engine = PowerShellEngine.Start();
        var b = ("sidB", (object?)other.AccountSid);
        var outcome = engine.Run(
            "$b = Connect-ImpactAccount -AccountSid $sidB -AuthToken ([System.Net.NetworkCredential]::new('', $tokenB).SecurePassword) -BaseUri $uriB -PassThru; "
            + "Connect-ImpactAccount -AccountSid $sid -AuthToken ([System.Net.NetworkCredential]::new('', $token).SecurePassword) -BaseUri $uri; "
            + "$listed = Get-ImpactAction -CampaignId 1000 -StartDate ([datetime]::Now).AddDays(-40) -First 3 -Connection $b; "
            + "$continued = Get-ImpactAction -Continue -First 3; "
            + "$all = Get-ImpactAction -CampaignId 1000 -StartDate ([datetime]::Now).AddDays(-40) -First 6 -Connection $b; "
            + "($continued.Id -join ','); ($all.Id[3..5] -join ',')",
            b, ("tokenB", other.AuthToken), ("uriB", other.BaseUri), ("sid", _sandbox.Host.AccountSid), ("token", _sandbox.Host.AuthToken), ("uri", _sandbox.Host.BaseUri)).ThrowIfFailed();
        Assert.Equal(outcome.Output[1].BaseObject, outcome.Output[0].BaseObject);

        var refused = engine.Run("Get-ImpactAction -CampaignId 1000 -StartDate ([datetime]::Now).AddDays(-40) -First 3 -Connection $b | Out-Null; Get-ImpactAction -Continue -Connection (Get-ImpactConnection)");
        Assert.StartsWith("ImpactActions.NothingToContinue,", refused.TerminatingError is System.Management.Automation.IContainsErrorRecord c ? c.ErrorRecord.FullyQualifiedErrorId : Assert.Single(refused.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void A_listing_the_API_fails_recommends_what_a_listing_can_do_not_a_write_cmdlet_parameter()
    {
        var fail = new Sandbox.FaultRule { Method = "GET", PathContains = "/Actions?", Occurrence = 0, Kind = Sandbox.Pipeline.FaultKind.ServiceUnavailable };
        using (_sandbox.Faults(fail))
        {
            var outcome = _sandbox.Engine.Run($"{Listing} -ErrorAction SilentlyContinue -ErrorVariable failed; ,$failed");
            var error = ((System.Collections.IEnumerable)outcome.Output[^1].BaseObject).Cast<object>()
                .Select(e => (System.Management.Automation.ErrorRecord)(e is System.Management.Automation.PSObject p ? p.BaseObject : e)).Single();
            Assert.StartsWith("ImpactActions.ApiUnavailable,", error.FullyQualifiedErrorId);
            Assert.Contains("Get-ImpactAction -Continue", error.ErrorDetails.RecommendedAction);
            Assert.DoesNotContain("-JournalPath", error.ErrorDetails.RecommendedAction);
        }
    }

    [Fact]
    public void IncludeTotalCount_says_what_the_API_counts_not_what_was_handed_out()
    {
        var exact = _sandbox.Engine.Run("Get-ImpactAction -CampaignId 1000 -StartDate ([datetime]::Now).AddDays(-40) -EndDate ([datetime]::Now) -First 5 -IncludeTotalCount").ThrowIfFailed();
        var count = _sandbox.Engine.Run("@(Get-ImpactAction -CampaignId 1000 -StartDate ([datetime]::Now).AddDays(-40) -EndDate ([datetime]::Now)).Count").ThrowIfFailed();
        // The count first, as PowerShell's paging convention has it, then the five records.
        // Exact: PowerShell hands out the bare number.
        Assert.Equal(count.Output[0].BaseObject.ToString(), exact.Output[0].BaseObject.ToString());
        Assert.True((int)count.Output[0].BaseObject > 5);
        Assert.Equal(6, exact.Output.Count);

        // Two windows, only the first opened: an estimate, and said to be one.
        var estimate = _sandbox.Engine.Run($"{Listing} -First 5 -IncludeTotalCount").ThrowIfFailed();
        Assert.Equal(0.5, estimate.Output[0].Properties["Accuracy"]?.Value);
        Assert.Equal(1.0, exact.Output[0].Properties["Accuracy"]?.Value);
    }

    [Fact]
    public void First_and_Skip_apply_to_the_ActionIds_given()
    {
        var ids = _sandbox.Host.Store.All().Take(4).Select(a => a.Id).ToArray();
        var outcome = _sandbox.Engine.Run("Get-ImpactAction -ActionId $ids -Skip 1 -First 2", ("ids", ids)).ThrowIfFailed();
        Assert.Equal(ids.Skip(1).Take(2), outcome.Values("Id"));
    }
}
