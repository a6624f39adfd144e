using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace ImpactActions.HelpGenerator;

/// <summary>One docs/cmdlets page read into its parts: the sections the pages are written with.</summary>
public sealed record CmdletPage(string Name, string Synopsis, string Description, IReadOnlyList<string> Syntax,
    IReadOnlyList<PageParameter> Parameters, IReadOnlyList<PageExample> Examples, PageOutput Outputs, string Notes,
    IReadOnlyList<string> RelatedLinks)
{
    public string Verb => Name.Split('-')[0];
    public string Noun => Name.Substring(Name.IndexOf('-') + 1);

    public static CmdletPage Read(string path) => Parse(File.ReadAllText(path));

    public static CmdletPage Parse(string page)
    {
        var text = page.Replace("\r\n", "\n");
        var name = Regex.Match(text, @"^# (\S+)", RegexOptions.Multiline).Groups[1].Value;
        var parameters = Regex.Matches(Section(text, "Parameters"), @"^### -(\w+)\s*\n(?<body>.*?)(?=^### |\z)", RegexOptions.Multiline | RegexOptions.Singleline)
            .Select(m => PageParameter.Read(m.Groups[1].Value, m.Groups["body"].Value.Trim())).ToList();
        var examples = Regex.Matches(Section(text, "Examples"), @"^### (?<title>.+?)\s*\n```\w*\n(?<code>.*?)\n```(?<remarks>.*?)(?=^### |\z)", RegexOptions.Multiline | RegexOptions.Singleline)
            .Select(m => new PageExample(m.Groups["title"].Value.Trim(), m.Groups["code"].Value.TrimEnd(), m.Groups["remarks"].Value.Trim())).ToList();
        var syntax = SyntaxBlock(text).Groups["lines"].Value.Split('\n').Where(l => l.Trim().Length > 0).ToList();
        var links = Regex.Matches(Section(text, "Related links"), @"^- (?<link>.+?)\s*$", RegexOptions.Multiline).Select(m => Plain(m.Groups["link"].Value).Trim()).ToList();
        return new CmdletPage(name, Plain(Section(text, "Synopsis")), Plain(Section(text, "Description")), syntax, parameters, examples,
            PageOutput.Read(Section(text, "Outputs")), Plain(Section(text, "Notes")), links);
    }

    /// <summary>The page with its `## Syntax` code block holding <paramref name="lines"/>, one parameter set each, a blank line between them.</summary>
    public static string WithSyntax(string page, IEnumerable<string> lines)
    {
        var block = SyntaxBlock(page.Replace("\r\n", "\n"));
        if (!block.Success) throw new InvalidDataException("The page has no ## Syntax section with a ``` block.");
        var text = page.Replace("\r\n", "\n");
        return string.Concat(text.AsSpan(0, block.Groups["lines"].Index), string.Join("\n\n", lines), text.AsSpan(block.Groups["lines"].Index + block.Groups["lines"].Length));
    }

    private static Match SyntaxBlock(string text) =>
        Regex.Match(text, @"^## Syntax\s*\n```\w*\n(?<lines>.*?)\n```", RegexOptions.Multiline | RegexOptions.Singleline);

    internal static string Section(string text, string heading)
    {
        var match = Regex.Match(text, $"^## {heading}\\s*\\n(?<body>.*?)(?=^## |\\z)", RegexOptions.Multiline | RegexOptions.Singleline);
        return match.Success ? match.Groups["body"].Value.Trim() : "";
    }

    /// <summary>
    /// Markdown emphasis and code marks removed: help is read as plain text. What a code span holds stays
    /// as written, so `Format-List *` keeps its star.
    /// </summary>
    internal static string Plain(string markdown) =>
        string.Concat(Regex.Split(markdown, "(`[^`]*`)").Select(part =>
            part.StartsWith('`') ? part.Trim('`') : part.Replace("*", "")));
}

/// <summary>A parameter's paragraph: its description, then "Type: …", "Required …", "Position: …", "Pipeline: …", "Default: …", "Aliases: …".</summary>
public sealed record PageParameter(string Name, string Description, string Type, bool Required, string Position, string Pipeline, string Default, IReadOnlyList<string> Aliases)
{
    public static PageParameter Read(string name, string body)
    {
        // A value runs to the period that ends its sentence, not one inside it (https://api.impact.com).
        string Field(string label) => Regex.Match(body, $@"{label}:\s*(?<value>.+?)\.(\s|$)").Groups["value"].Value.Trim();
        var description = Regex.Split(body, @"\s(?=Type:)")[0].Trim();
        // "Required." or "Required in the X set." as a sentence of its own: a description's "407 Proxy Authentication
        // Required" is not one.
        return new PageParameter(name, CmdletPage.Plain(description), Field("Type"), Regex.IsMatch(body, @"(?:^|\.\s+)Required(?:\.|\s+in the\s)"),
            Field("Position") is { Length: > 0 } p ? p : "named", Field("Pipeline"), Field("Default"),
            Field("Aliases").Split(',').Select(a => a.Trim()).Where(a => a.Length > 0).ToList())
        {
            RequiredIn = Regex.Match(body, @"\bRequired in the (?<set>\w+) set\b") is { Success: true } set ? set.Groups["set"].Value : null,
        };
    }

    /// <summary>The one parameter set the page says it is required in ("Required in the List set."); null when "Required." means every set.</summary>
    public string? RequiredIn { get; init; }

    /// <summary>The type as the page names it: its first word ("int (1–1000)" is an int).</summary>
    public string TypeName => Type.Split(' ')[0];

    public bool IsSwitch => TypeName == "switch";
    public bool ByValue => Pipeline.Contains("by value");
    public bool ByPropertyName => Pipeline.Contains("by property name");
}

public sealed record PageExample(string Title, string Code, string Remarks);

/// <summary>What the cmdlet outputs: the type, in the code span the `## Outputs` section starts with, and what follows it.</summary>
public sealed record PageOutput(string Type, string Description)
{
    public static PageOutput Read(string section)
    {
        // `Type`: what it is. Or, for a cmdlet that outputs nothing, a word before the colon: "None: …".
        var match = Regex.Match(section, @"^(`(?<type>[^`]+)`|(?<type>[\w.]+))[\s:,.]*(?<rest>.*)$", RegexOptions.Singleline);
        var rest = CmdletPage.Plain(match.Groups["rest"].Value.Trim());
        // What follows the type is a sentence of its own in Get-Help's OUTPUTS.
        return new PageOutput(match.Groups["type"].Value.Trim().TrimEnd('.'), rest.Length == 0 ? "" : char.ToUpperInvariant(rest[0]) + rest.Substring(1));
    }
}
