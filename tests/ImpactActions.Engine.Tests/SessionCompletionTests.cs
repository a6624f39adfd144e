using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;

namespace ImpactActions.Engine.Tests;

/// <summary>
/// Tab completion from what the session's listings showed: Set-ImpactAction -CustomerStatus and Get-ImpactAction
/// -CampaignId complete values seen on listed actions, and completing sends no request.
/// </summary>
public sealed class SessionCompletionTests : IClassFixture<EngineSandbox>
{
    private readonly EngineSandbox _sandbox;

    public SessionCompletionTests(EngineSandbox sandbox) => _sandbox = sandbox;

    /// <summary>A runspace of its own, connected: what it completes is what it listed, nothing another test listed.</summary>
    private PowerShellEngine FreshSession()
    {
        var engine = PowerShellEngine.Start();
        EngineSandbox.Connect(engine, _sandbox.Host);
        return engine;
    }

    /// <summary>TabExpansion2 at the end of the line, with the count of API requests the completion made.</summary>
    private (IReadOnlyList<CompletionResult> Matches, long Requests) Complete(PowerShellEngine engine, string line)
    {
        var before = _sandbox.Host.Requests.Count;
        var completion = (CommandCompletion)engine.Run("TabExpansion2 -inputScript $line -cursorColumn $line.Length", ("line", line)).ThrowIfFailed().Output.Single().BaseObject;
        return (completion.CompletionMatches.ToList(), _sandbox.Host.Requests.Count - before);
    }

    [Fact]
    public async Task CustomerStatus_completes_NEW_and_EXISTING_and_then_every_status_seen_on_listed_actions_without_a_request()
    {
        // An action with a status the account configured beyond the API's examples.
        var action = _sandbox.TakeModifiable(1)[0];
        _sandbox.Engine.Run("Set-ImpactAction -ActionId $id -CustomerStatus RETURNING -Confirm:$false", ("id", action.Id)).ThrowIfFailed();
        await _sandbox.DrainAsync();

        using var engine = FreshSession();
        var before = Complete(engine, "Set-ImpactAction -CustomerStatus ");
        Assert.Equal(new[] { "NEW", "EXISTING" }, before.Matches.Select(m => m.CompletionText));
        Assert.Empty(Complete(engine, "Set-ImpactAction -CustomerStatus RET").Matches);

        engine.Run("$null = Get-ImpactAction -ActionId $id", ("id", action.Id)).ThrowIfFailed();
        var after = Complete(engine, "Set-ImpactAction -CustomerStatus ");
        Assert.Equal(new[] { "NEW", "EXISTING", "RETURNING" }, after.Matches.Select(m => m.CompletionText));
        var typed = Complete(engine, "Set-ImpactAction -ActionId 1000.2240.1 -CustomerStatus ret");
        Assert.Equal("RETURNING", Assert.Single(typed.Matches).CompletionText);
        Assert.Equal(0, before.Requests + after.Requests + typed.Requests);
    }

    [Fact]
    public void CampaignId_completes_the_campaigns_of_listed_actions_with_their_names_without_a_request()
    {
        using var engine = FreshSession();
        Assert.Empty(Complete(engine, "Get-ImpactAction -CampaignId ").Matches);

        engine.Run("$null = Get-ImpactAction -CampaignId 1000 -First 3; $null = Get-ImpactAction -CampaignId 1001 -First 1").ThrowIfFailed();
        var names = _sandbox.Host.Store.All().GroupBy(a => a.Campaign.Id).ToDictionary(g => g.Key, g => g.First().Campaign.Name);
        var all = Complete(engine, "Get-ImpactAction -CampaignId ");
        Assert.Equal(new[] { "1000", "1001" }, all.Matches.Select(m => m.CompletionText));
        var first = all.Matches[0];
        Assert.Equal(names[1000], first.ToolTip);
        Assert.Equal($"1000 ({names[1000]})", first.ListItemText);

        // The start of the id, or of the name, finds it; the id is what is completed.
        Assert.Equal("1001", Assert.Single(Complete(engine, "Get-ImpactAction -CampaignId 1001").Matches).CompletionText);
        Assert.Equal("1001", Assert.Single(Complete(engine, $"Get-ImpactAction -CampaignId '{names[1001]}").Matches).CompletionText);
        Assert.Equal(0, all.Requests);
    }

    [Fact]
    public void A_new_connection_forgets_what_the_last_one_listed()
    {
        using var engine = FreshSession();
        engine.Run("$null = Get-ImpactAction -CampaignId 1000 -First 1").ThrowIfFailed();
        Assert.NotEmpty(Complete(engine, "Get-ImpactAction -CampaignId ").Matches);

        // Another account's campaigns are not this one's.
        EngineSandbox.Connect(engine, _sandbox.Host);
        Assert.Empty(Complete(engine, "Get-ImpactAction -CampaignId ").Matches);
        Assert.Equal(new[] { "NEW", "EXISTING" }, Complete(engine, "Set-ImpactAction -CustomerStatus ").Matches.Select(m => m.CompletionText));
    }
}
