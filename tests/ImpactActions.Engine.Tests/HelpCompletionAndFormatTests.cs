using System.Linq;
using System.Management.Automation;

namespace ImpactActions.Engine.Tests;

/// <summary>What an explorer in pwsh touches before running anything: help, tab completion, the default views.</summary>
public sealed class HelpCompletionAndFormatTests : System.IDisposable
{
    private static readonly string[] Cmdlets =
    {
        "Connect-ImpactAccount", "Disconnect-ImpactAccount", "Get-ImpactConnection", "Get-ImpactAction", "Get-ImpactActionItem",
        "Set-ImpactActionItem", "Set-ImpactAction", "Undo-ImpactAction", "Get-ImpactSubmission", "Wait-ImpactSubmission",
    };

    private readonly PowerShellEngine _engine = PowerShellEngine.Start();

    [Fact]
    public void The_module_exports_exactly_its_cmdlets()
    {
        var names = _engine.Run("(Get-Command -Module ImpactActions).Name").ThrowIfFailed().Output.Select(o => o.ToString()).OrderBy(n => n);
        Assert.Equal(Cmdlets.OrderBy(n => n), names);
    }

    [Fact]
    public void Get_Help_Full_and_Examples_show_a_synopsis_every_parameter_and_examples_for_every_cmdlet()
    {
        foreach (var name in Cmdlets)
        {
            var full = _engine.Run("Get-Help $name -Full", ("name", name)).ThrowIfFailed().Output.Single();
            var synopsis = full.Properties["Synopsis"].Value?.ToString() ?? "";
            Assert.False(synopsis.StartsWith(name, System.StringComparison.Ordinal), $"{name} has no synopsis, only its syntax: {synopsis}");
            var documented = _engine.Run("(Get-Help $name -Full).parameters.parameter.name", ("name", name)).ThrowIfFailed().Output.Where(o => o is not null).Select(o => o.ToString()).ToHashSet();
            var actual = _engine.Run("(Get-Command $name).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters -and $_ -notin [System.Management.Automation.PSCmdlet]::OptionalCommonParameters }",
                ("name", name)).ThrowIfFailed().Output.Select(o => o.ToString());
            Assert.All(actual, p => Assert.True(documented.Contains(p), $"{name} -{p} is not in Get-Help -Full"));
            var examples = _engine.Run("@((Get-Help $name -Examples).examples.example).Count", ("name", name)).ThrowIfFailed().Output.Single();
            Assert.True((int)examples.BaseObject >= 2, $"{name} has {examples} examples");
        }
    }

    [Fact]
    public void Every_page_shows_the_syntax_Get_Command_shows()
    {
        // docs/cmdlets is where a reader meets the syntax first: ./build.ps1 -Task Help rewrites it from Get-Command.
        foreach (var name in Cmdlets)
        {
            var page = System.IO.File.ReadAllText(System.IO.Path.Combine(PowerShellEngine.RepositoryRoot, "docs", "cmdlets", name + ".md")).Replace("\r\n", "\n");
            var block = System.Text.RegularExpressions.Regex.Match(page, @"^## Syntax\s*\n```\w*\n(?<lines>.*?)\n```", System.Text.RegularExpressions.RegexOptions.Multiline | System.Text.RegularExpressions.RegexOptions.Singleline);
            Assert.True(block.Success, $"{name}: no ## Syntax block");
            var shown = block.Groups["lines"].Value.Split('\n').Where(l => l.Trim().Length > 0);
            var syntax = _engine.Run("Get-Command $name -Syntax", ("name", name)).ThrowIfFailed().Output.Single().ToString();
            Assert.Equal(syntax.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0), shown);
        }
    }

    [Theory]
    [InlineData("Get-ImpactAction -CampaignId 1000 -State PE", "PENDING")]
    [InlineData("Set-ImpactActionItem -Reason ORDER_", "ORDER_UPDATE")]
    [InlineData("Set-ImpactAction -DispositionCode ORD", "ORDER_UPDATE")]
    [InlineData("Set-ImpactAction -Reason ITEM_R", "ITEM_RETURNED")]
    [InlineData("Undo-ImpactAction -DispositionCode CONS_", "CONS_FRAUD")]
    public void TabExpansion2_completes_codes(string line, string expected)
    {
        var completion = (CommandCompletion)_engine.Run("TabExpansion2 -inputScript $line -cursorColumn $line.Length", ("line", line)).ThrowIfFailed().Output.Single().BaseObject;
        Assert.Contains(expected, completion.CompletionMatches.Select(m => m.CompletionText));
    }

    [Fact]
    public void The_format_file_the_module_loads_parses_and_has_a_view_for_every_record_users_see()
    {
        // Get-FormatData is a Utility cmdlet the hosted engine lacks (the Pester suite uses it); the engine's own
        // FormatTable is what Import-Module loads the file with, and it refuses a file with any error.
        var formats = _engine.Run("""
            $file = [System.IO.Path]::Combine((Get-Module ImpactActions).ModuleBase, 'ImpactActions.format.ps1xml')
            $null = [System.Management.Automation.Runspaces.FormatTable]::new([string[]]@($file))
            ([xml][System.IO.File]::ReadAllText($file)).Configuration.ViewDefinitions.View.ViewSelectedBy.TypeName
            """).ThrowIfFailed().Output.Select(o => o.ToString()).ToList();
        foreach (var type in new[] { "ImpactActions.Core.Records.ImpactAction", "ImpactActions.Core.Records.ImpactActionItem", "ImpactActions.Core.Writing.RowResult", "ImpactActions.Core.Records.ImpactSubmission" })
            Assert.Contains(type, formats);
    }

    public void Dispose() => _engine.Dispose();
}
