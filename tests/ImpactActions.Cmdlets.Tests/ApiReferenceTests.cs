using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace ImpactActions.Cmdlets.Tests;

/// <summary>
/// docs/api-reference.md is where the repository's rules come from: every file cites its sources by a tag that
/// page defines, never by the notes outside the repository the project started from (a person who clones it
/// cannot read those), and its sandbox options are the ones docs/sandbox.md documents.
/// </summary>
public sealed class ApiReferenceTests
{
    private const string Reference = "docs/api-reference.md";

    // Written so that this file does not match itself.
    private static readonly (Regex Pattern, string What)[] OutsideCitations =
    {
        (new Regex(@"\.\./shared/(?!tools/pwsh\b)", RegexOptions.IgnoreCase), "a path under ../shared other than the pwsh installer"),
        (new Regex(@"shared/spe[c]", RegexOptions.IgnoreCase), "the spec notes outside the repository"),
        (new Regex(@"api-fact[s]", RegexOptions.IgnoreCase), "the facts notes outside the repository"),
        (new Regex(@"\bseed (?:00\d|pages?\b|lines?\b)", RegexOptions.IgnoreCase), "a starting page by its number"),
        (new Regex(@"\bseed['’]s\b", RegexOptions.IgnoreCase), "a starting page by its number"),
    };

    /// <summary>
    /// An upper-case tag in brackets, at least four characters, each part of it two or more: not a PowerShell type
    /// (<c>[GC]::</c>), a Markdown link or a character class (<c>[A-Z]</c>).
    /// </summary>
    private static readonly Regex TagUse = new(@"\[(?=[A-Z0-9-]{4,}\])(?<tag>[A-Z][A-Z0-9]+(?:-[A-Z][A-Z0-9]+)*)\](?!::|\()");

    private static readonly Regex TagDefinition = new(@"^\| \[(?<tag>[A-Z0-9-]+)\] \| (?<source>[^|]+) \| (?<address>[^|]+) \|\s*$", RegexOptions.Multiline);

    private readonly string _root = ModuleMetadata.FindRepositoryRoot();

    private string Read(string relative) => File.ReadAllText(Path.Combine(_root, relative));

    /// <summary>
    /// The files git tracks and those it would (untracked, not ignored: a new file is checked before it is committed),
    /// as they are in the working tree; where there is no git, every file but build outputs.
    /// </summary>
    private IReadOnlyList<string> TrackedFiles()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "ls-files -z --cached --others --exclude-standard")
            {
                WorkingDirectory = _root,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            var listing = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            if (git.ExitCode == 0)
                return listing.Split('\0', StringSplitOptions.RemoveEmptyEntries).Where(f => File.Exists(Path.Combine(_root, f))).ToList();
        }
        catch (Win32Exception)
        {
            // No git on this machine.
        }
        var outputs = new[] { "bin", "obj", "out", ".git" };
        return Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_root, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(outputs.Contains))
            .ToList();
    }

    /// <summary>Each tracked text file with its lines (files holding a NUL byte are binary and passed over).</summary>
    private IEnumerable<(string File, string[] Lines)> TextFiles()
    {
        foreach (var file in TrackedFiles())
        {
            var bytes = File.ReadAllBytes(Path.Combine(_root, file));
            if (Array.IndexOf(bytes, (byte)0) >= 0) continue;
            yield return (file, Encoding.UTF8.GetString(bytes).Split('\n'));
        }
    }

    private Dictionary<string, (string Source, string Address)> DefinedTags() =>
        TagDefinition.Matches(Read(Reference)).ToDictionary(m => m.Groups["tag"].Value, m => (m.Groups["source"].Value.Trim(), m.Groups["address"].Value.Trim()));

    [Fact]
    public void No_tracked_file_cites_the_notes_outside_the_repository()
    {
        var files = TextFiles().ToList();
        Assert.Contains(files, f => f.File == Reference);
        var citations = files
            .SelectMany(f => f.Lines.Select((line, i) => (f.File, Number: i + 1, Line: line)))
            .SelectMany(l => OutsideCitations.Where(c => c.Pattern.IsMatch(l.Line)).Select(c => $"{l.File}:{l.Number}: {c.What}: {l.Line.Trim()}"))
            .ToList();
        Assert.True(citations.Count == 0, "cite a tag of " + Reference + " instead:\n" + string.Join("\n", citations));
    }

    [Fact]
    public void The_patterns_catch_each_form_of_outside_citation_and_let_the_pwsh_installer_pass()
    {
        string[] caught =
        {
            "documented in `../" + "shared/" + "spec`", "(api-" + "facts.md: \"Request limits\")", "Seed " + "000: \"Quantity required\"",
            "seed " + "page 001", "the seed" + "'s curl example", "no seed " + "page documents it",
        };
        foreach (var text in caught) Assert.Contains(OutsideCitations, c => c.Pattern.IsMatch(text));
        foreach (var text in new[] { "bash ../shared/tools/pwsh/install.sh", "the data seed, 42", "--seed 42" })
            Assert.DoesNotContain(OutsideCitations, c => c.Pattern.IsMatch(text));
    }

    [Fact]
    public void Every_tag_used_is_defined_in_the_api_reference()
    {
        var defined = DefinedTags();
        Assert.Contains("ITEM-PUT", defined.Keys);
        var undefined = TextFiles()
            .SelectMany(f => f.Lines.SelectMany((line, i) => TagUse.Matches(line).Select(m => (f.File, Number: i + 1, Tag: m.Groups["tag"].Value))))
            .Where(u => !defined.ContainsKey(u.Tag))
            .Select(u => $"{u.File}:{u.Number}: [{u.Tag}]")
            .ToList();
        Assert.True(undefined.Count == 0, $"tags {Reference} does not define:\n" + string.Join("\n", undefined));
    }

    [Fact]
    public void A_tag_is_recognised_in_code_and_prose_but_not_in_a_PowerShell_type_or_a_link()
    {
        Assert.Equal(new[] { "ITEM-PUT", "CAPTURES" }, TagUse.Matches("// [ITEM-PUT]: \"Quantity required\" ([CAPTURES])").Select(m => m.Groups["tag"].Value));
        Assert.Empty(TagUse.Matches("[Math]::Round([GC]::GetGCMemoryInfo()) [NOTE](#note) [OK] -match '^[A-Z]'"));
    }

    [Fact]
    public void Every_source_has_a_name_and_an_address_or_says_it_has_none()
    {
        var defined = DefinedTags();
        Assert.True(defined.Count >= 6, $"{defined.Count} sources in {Reference}");
        foreach (var (tag, (source, address)) in defined)
        {
            Assert.True(source.Length > 10, $"[{tag}] names no source");
            Assert.True(address == "not known" || address.StartsWith("https://", StringComparison.Ordinal) || address.StartsWith("not known (", StringComparison.Ordinal),
                $"[{tag}]: the address '{address}' is neither an https address nor 'not known'");
        }
    }

    [Fact]
    public void Every_rule_row_names_a_defined_source_and_a_certainty()
    {
        var defined = DefinedTags();
        var page = Read(Reference);
        var rules = Regex.Matches(page, @"^## (?<section>.+?)\s*\n(?<body>.*?)(?=^## |\z)", RegexOptions.Multiline | RegexOptions.Singleline)
            .Where(s => s.Groups["section"].Value is not "Sources" && s.Groups["body"].Value.Contains("| rule | source | certainty | client | sandbox |"))
            .SelectMany(s => s.Groups["body"].Value.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| rule |", StringComparison.Ordinal) && !l.StartsWith("| --- |", StringComparison.Ordinal)))
            .ToList();
        Assert.True(rules.Count > 30, $"{rules.Count} rules");
        foreach (var rule in rules)
        {
            var cells = Regex.Split(rule.Trim().Trim('|'), @"(?<!\\)\|").Select(c => c.Trim()).ToArray();
            Assert.True(cells.Length == 5, $"not five cells: {rule}");
            var tags = TagUse.Matches(cells[1]).Select(m => m.Groups["tag"].Value).ToList();
            Assert.True(tags.Count > 0 && tags.All(defined.ContainsKey), $"no defined source: {rule}");
            Assert.Matches(@"^(documented|confirmed|unverified|contested)\b", cells[2]);
        }
    }

    [Fact]
    public void Every_sandbox_option_the_reference_names_is_in_the_sandbox_options_table_and_every_option_is_documented()
    {
        var sandboxPage = Read("docs/sandbox.md");
        var table = sandboxPage.Split('\n').Where(l => l.StartsWith("| `--", StringComparison.Ordinal))
            .SelectMany(l => Regex.Matches(Regex.Split(l, @"(?<!\\)\|")[1], @"--[a-z-]+").Select(m => m.Value)).ToHashSet();
        var named = Regex.Matches(Read(Reference), @"`(?<option>--[a-z-]+)").Select(m => m.Groups["option"].Value).Distinct().ToList();
        Assert.Contains("--total-always-zero", named);
        Assert.True(named.All(table.Contains), "not in docs/sandbox.md's option table: " + string.Join(", ", named.Where(o => !table.Contains(o))));

        // Every option the command line takes has its row (read from the source: this project does not reference the sandbox).
        var parsed = Regex.Matches(Read("src/ImpactActions.Sandbox/SandboxCommandLine.cs"), @"new\(""(?<option>--[a-z-]+)""").Select(m => m.Groups["option"].Value).ToList();
        Assert.Contains("--duplicate-order-ids", parsed);
        Assert.True(parsed.All(table.Contains), "options without a row in docs/sandbox.md: " + string.Join(", ", parsed.Where(o => !table.Contains(o))));
    }
}
