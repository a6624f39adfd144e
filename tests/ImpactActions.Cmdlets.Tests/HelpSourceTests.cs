using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace ImpactActions.Cmdlets.Tests;

/// <summary>docs/cmdlets is the source of help: one page per cmdlet, its parameters exactly those of the cmdlet.</summary>
public sealed class HelpSourceTests : IClassFixture<ModuleMetadata>
{
    private static readonly string[] PagingParameters = { "First", "Skip", "IncludeTotalCount" };
    private static readonly string[] ShouldProcessParameters = { "WhatIf", "Confirm" };
    private readonly ModuleMetadata _module;

    public HelpSourceTests(ModuleMetadata module) => _module = module;

    private string Page(string cmdlet)
    {
        var path = Path.Combine(_module.RepositoryRoot, "docs", "cmdlets", cmdlet + ".md");
        Assert.True(File.Exists(path), $"{cmdlet} has no page at docs/cmdlets/{cmdlet}.md");
        return File.ReadAllText(path);
    }

    private static string Section(string page, string heading)
    {
        var match = Regex.Match(page, $"^## {heading}\\s*$(?<body>.*?)(?=^## |\\z)", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(match.Success, $"no '## {heading}' section");
        return match.Groups["body"].Value;
    }

    [Fact]
    public void Every_cmdlet_has_a_page_with_a_synopsis_syntax_outputs_and_two_examples()
    {
        foreach (var cmdlet in _module.Cmdlets)
        {
            var page = Page(cmdlet.Name);
            Assert.StartsWith("# " + cmdlet.Name, page);
            Assert.True(Section(page, "Synopsis").Trim().Length > 20, $"{cmdlet.Name}: synopsis too short");
            Assert.Contains(cmdlet.Name, Section(page, "Syntax"));
            Assert.True(Section(page, "Outputs").Trim().Length > 0, $"{cmdlet.Name}: no outputs");
            var examples = Regex.Count(Section(page, "Examples"), "^### ", RegexOptions.Multiline);
            Assert.True(examples >= 2, $"{cmdlet.Name}: {examples} example(s)");
        }
    }

    [Fact]
    public void Every_page_documents_exactly_the_cmdlets_parameters()
    {
        foreach (var cmdlet in _module.Cmdlets)
        {
            var documented = Regex.Matches(Section(Page(cmdlet.Name), "Parameters"), @"^### -(\w+)\s*$", RegexOptions.Multiline)
                .Select(m => m.Groups[1].Value).ToList();
            var expected = cmdlet.ParameterNames.ToList();
            if (cmdlet.Named.TryGetValue("SupportsPaging", out var paging) && paging is true) expected.AddRange(PagingParameters);
            // Get-Help -Full lists only what the page documents: the write cmdlets' -WhatIf and -Confirm too.
            if (cmdlet.SupportsShouldProcess) expected.AddRange(ShouldProcessParameters);
            // Connect, Disconnect and Get-ImpactConnection work on the session itself and take no -Connection.
            Assert.True(expected.OrderBy(n => n).SequenceEqual(documented.OrderBy(n => n)),
                $"{cmdlet.Name}: documented [{string.Join(", ", documented.OrderBy(n => n))}], has [{string.Join(", ", expected.OrderBy(n => n))}]");
            foreach (var name in documented)
                Assert.Matches($@"### -{name}\s*\n\S", Page(cmdlet.Name));
        }
    }
}
