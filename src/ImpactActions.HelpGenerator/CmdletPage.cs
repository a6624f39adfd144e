using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace ImpactActions.HelpGenerator;

/// <summary>One docs/cmdlets page read into its parts: the sections the pages are written with.</summary>
public sealed record CmdletPage(string Name, string Synopsis, string Description, IReadOnlyList<string> Syntax,
    IReadOnlyList<PageParameter> Parameters, IReadOnlyList<PageExample> Examples, string Outputs, string Notes)
{
    public string Verb => Name.Split('-')[0];
    public string Noun => Name.Substring(Name.IndexOf('-') + 1);

    public static CmdletPage Read(string path)
    {
        var text = File.ReadAllText(path).Replace("\r\n", "\n");
        var name = Regex.Match(text, @"^# (\S+)", RegexOptions.Multiline).Groups[1].Value;
        var parameters = Regex.Matches(Section(text, "Parameters"), @"^### -(\w+)\s*\n(?<body>.*?)(?=^### |\z)", RegexOptions.Multiline | RegexOptions.Singleline)
            .Select(m => PageParameter.Read(m.Groups[1].Value, m.Groups["body"].Value.Trim())).ToList();
        var examples = Regex.Matches(Section(text, "Examples"), @"^### (?<title>.+?)\s*\n```\w*\n(?<code>.*?)\n```(?<remarks>.*?)(?=^### |\z)", RegexOptions.Multiline | RegexOptions.Singleline)
            .Select(m => new PageExample(m.Groups["title"].Value.Trim(), m.Groups["code"].Value.TrimEnd(), m.Groups["remarks"].Value.Trim())).ToList();
        var syntax = Regex.Match(Section(text, "Syntax"), @"```\w*\n(?<lines>.*?)\n```", RegexOptions.Singleline).Groups["lines"].Value
            .Split('\n').Where(l => l.Trim().Length > 0).ToList();
        return new CmdletPage(name, Plain(Section(text, "Synopsis")), Plain(Section(text, "Description")), syntax, parameters, examples,
            Plain(Section(text, "Outputs")), Plain(Section(text, "Notes")));
    }

    private static string Section(string text, string heading)
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
            part.StartsWith("`", StringComparison.Ordinal) ? part.Trim('`') : part.Replace("*", "")));
}

/// <summary>A parameter's paragraph: its description, then "Type: …", "Required …", "Position: …", "Pipeline: …", "Default: …", "Aliases: …".</summary>
public sealed record PageParameter(string Name, string Description, string Type, bool Required, string Position, string Pipeline, string Default, IReadOnlyList<string> Aliases)
{
    public static PageParameter Read(string name, string body)
    {
        // A value runs to the period that ends its sentence, not one inside it (https://api.impact.com).
        string Field(string label) => Regex.Match(body, $@"{label}:\s*(?<value>.+?)\.(\s|$)").Groups["value"].Value.Trim();
        var description = Regex.Split(body, @"\s(?=Type:)")[0].Trim();
        return new PageParameter(name, CmdletPage.Plain(description), Field("Type"), Regex.IsMatch(body, @"\bRequired\b"),
            Field("Position") is { Length: > 0 } p ? p : "named", Field("Pipeline"), Field("Default"),
            Field("Aliases").Split(',').Select(a => a.Trim()).Where(a => a.Length > 0).ToList());
    }

    public bool ByValue => Pipeline.Contains("by value");
    public bool ByPropertyName => Pipeline.Contains("by property name");
}

public sealed record PageExample(string Title, string Code, string Remarks);
