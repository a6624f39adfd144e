using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.RegularExpressions;

namespace ImpactActions.Engine.Tests;

/// <summary>
/// One catalogue of error kinds (Core's ErrorKinds), read from the module as PowerShell loads it: every kind
/// names a category PowerShell has, docs/errors.md is written from it, and no cmdlet raises an ErrorId the
/// catalogue lacks. Set IMPACT_WRITE_DOCS=1 to write docs/errors.md from the catalogue.
/// </summary>
public sealed class ErrorCatalogueTests : IDisposable
{
    private readonly PowerShellEngine _engine = PowerShellEngine.Start();

    private (string Id, string Category, string Meaning, string Remedy, string ActionRemedy, string? CommandRemedy)[] Kinds() =>
        // Core lives in the module's own load context, so its type is found through the loaded assembly, not by name.
        _engine.Run("@([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'ImpactActions.Core' })[0].GetType('ImpactActions.Core.Errors.ErrorKinds')::All").ThrowIfFailed().Output
            .Select(k => ((string)k.Properties["Id"].Value, (string)k.Properties["Category"].Value, (string)k.Properties["Meaning"].Value,
                (string)k.Properties["RecommendedAction"].Value, (string)k.Properties["ActionRecommendedAction"].Value, (string?)k.Properties["CommandRecommendedAction"].Value))
            .ToArray();

    [Fact]
    public void Every_kind_names_a_PowerShell_error_category_and_is_unique()
    {
        var kinds = Kinds();
        Assert.True(kinds.Length > 20);
        Assert.All(kinds, k => Assert.True(Enum.TryParse<ErrorCategory>(k.Category, out _), $"{k.Id}: '{k.Category}' is no ErrorCategory"));
        Assert.Equal(kinds.Length, kinds.Select(k => k.Id).Distinct().Count());
    }

    [Fact]
    public void docs_errors_md_is_written_from_the_catalogue()
    {
        var text = new StringBuilder()
            .Append("# Errors\n\n")
            .Append("Every error the module raises has the ErrorId `ImpactActions.<Id>` (with `,` and the cmdlet after it in\n")
            .Append("`FullyQualifiedErrorId`), one of the kinds below, from one catalogue (`src/ImpactActions.Core/Errors/ErrorKind.cs`),\n")
            .Append("which this page is written from (tests/ImpactActions.Engine.Tests/ErrorCatalogueTests.cs). A row's error also\n")
            .Append("stands in its result's `ErrorId`, without the prefix. `{Row}` and `{Field}` stand for the row and field at fault.\n\n")
            .Append("| Id | Category | Meaning | What to do |\n| --- | --- | --- | --- |\n");
        foreach (var k in Kinds())
        {
            var remedy = k.ActionRemedy == k.Remedy ? k.Remedy : $"{k.Remedy} Set-ImpactAction and Undo-ImpactAction: {k.ActionRemedy}";
            if (k.CommandRemedy is { } command) remedy += $" Reading and waiting commands: {command}";
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"| {k.Id} | {k.Category} | {Cell(k.Meaning)} | {Cell(remedy)} |\n");
        }
        var path = Path.Combine(PowerShellEngine.RepositoryRoot, "docs", "errors.md");
        if (Environment.GetEnvironmentVariable("IMPACT_WRITE_DOCS") == "1") File.WriteAllText(path, text.ToString());
        Assert.True(File.Exists(path), "docs/errors.md is missing: run the tests with IMPACT_WRITE_DOCS=1");
        Assert.Equal(text.ToString(), File.ReadAllText(path).Replace("\r\n", "\n"));
    }

    [Fact]
    public void No_cmdlet_raises_an_error_outside_the_catalogue()
    {
        var ids = Kinds().Select(k => k.Id).ToHashSet(StringComparer.Ordinal);
        var sources = Directory.GetFiles(Path.Combine(PowerShellEngine.RepositoryRoot, "src", "ImpactActions"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToList();
        foreach (var file in sources)
        {
            var code = File.ReadAllText(file);
            // Records are made in one place (Host/ErrorCategories, Host/RowErrors), from a kind.
            if (!file.EndsWith("ErrorCategories.cs", StringComparison.Ordinal) && !file.EndsWith("RowErrors.cs", StringComparison.Ordinal))
                Assert.DoesNotContain("new ErrorRecord(", code);
            foreach (Match used in Regex.Matches(code, @"ErrorKinds\.(\w+)"))
                Assert.True(used.Groups[1].Value is "All" or "Find" || ids.Contains(used.Groups[1].Value), $"{Path.GetFileName(file)} uses ErrorKinds.{used.Groups[1].Value}");
        }
    }

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");

    public void Dispose() => _engine.Dispose();
}
