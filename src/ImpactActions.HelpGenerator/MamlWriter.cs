using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ImpactActions.HelpGenerator;

/// <summary>
/// Writes the MAML that Get-Help reads for binary cmdlets. What the compiled cmdlet knows (its syntax, what it takes
/// from the pipeline) comes from <see cref="CompiledCmdlet"/>; what a person wrote (descriptions, examples, outputs,
/// notes, links) from the page.
/// </summary>
public static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static XDocument Write(IEnumerable<(CmdletPage Page, CompiledCmdlet Cmdlet)> cmdlets) => new(
        new XDeclaration("1.0", "utf-8", null),
        new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
            cmdlets.Select(c => Command_(c.Page, c.Cmdlet))));

    private static XElement Command_(CmdletPage page, CompiledCmdlet cmdlet) => new(Command + "command",
        new XAttribute(XNamespace.Xmlns + "maml", Maml), new XAttribute(XNamespace.Xmlns + "command", Command), new XAttribute(XNamespace.Xmlns + "dev", Dev),
        new XElement(Command + "details",
            new XElement(Command + "name", page.Name),
            new XElement(Command + "verb", page.Verb),
            new XElement(Command + "noun", page.Noun),
            new XElement(Maml + "description", Paras(page.Synopsis))),
        new XElement(Maml + "description", Paras(page.Description)),
        new XElement(Command + "syntax", cmdlet.ParameterSets.Select(set => new XElement(Command + "syntaxItem",
            new XElement(Maml + "name", cmdlet.Name),
            set.Parameters.Select(SyntaxParameter)))),
        new XElement(Command + "parameters", page.Parameters.Select(Parameter)),
        new XElement(Command + "inputTypes", Inputs(page, cmdlet).Select(input => new XElement(Command + "inputType",
            new XElement(Dev + "type", new XElement(Maml + "name", input.Type)),
            new XElement(Maml + "description", Paras(input.Description))))),
        new XElement(Command + "returnValues", new XElement(Command + "returnValue",
            new XElement(Dev + "type", new XElement(Maml + "name", page.Outputs.Type)),
            new XElement(Maml + "description", Paras(page.Outputs.Description)))),
        // No notes, no NOTES heading standing empty.
        page.Notes.Length == 0 ? null : new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(page.Notes))),
        new XElement(Command + "examples", page.Examples.Select((e, i) => new XElement(Command + "example",
            new XElement(Maml + "title", $"-------------------------- Example {i + 1}: {e.Title} --------------------------"),
            new XElement(Dev + "code", e.Code),
            new XElement(Dev + "remarks", Paras(e.Remarks))))),
        new XElement(Maml + "relatedLinks", page.RelatedLinks.Select(link => new XElement(Maml + "navigationLink",
            new XElement(Maml + "linkText", link),
            new XElement(Maml + "uri", link.StartsWith("https://", StringComparison.Ordinal) ? link : "")))));

    /// <summary>
    /// A parameter of one syntax line, as Get-Help prints it: brackets from required and position, and a value only
    /// where the parameter takes one, so a switch reads [-PassThru].
    /// </summary>
    private static XElement SyntaxParameter(CompiledParameter p) => new(Command + "parameter",
        new XAttribute("required", p.Mandatory ? "true" : "false"),
        new XAttribute("globbing", "false"),
        new XAttribute("pipelineInput", PipelineInput(p.ByValue, p.ByPropertyName)),
        new XAttribute("position", p.Position is { } position ? position.ToString(System.Globalization.CultureInfo.InvariantCulture) : "named"),
        new XAttribute("aliases", p.Aliases.Count == 0 ? "none" : string.Join(", ", p.Aliases)),
        new XElement(Maml + "name", p.Name),
        p.ValueText is { } value ? new XElement(Command + "parameterValue", new XAttribute("required", "true"), value) : null);

    private static XElement Parameter(PageParameter p) => new(Command + "parameter",
        new XAttribute("required", p.Required ? "true" : "false"),
        new XAttribute("globbing", "false"),
        new XAttribute("pipelineInput", PipelineInput(p.ByValue, p.ByPropertyName)),
        new XAttribute("position", p.Position),
        new XAttribute("aliases", p.Aliases.Count == 0 ? "none" : string.Join(", ", p.Aliases)),
        new XElement(Maml + "name", p.Name),
        new XElement(Maml + "description", Paras(p.Description)),
        // Get-Help -Full shows a switch as [<SwitchParameter>], as PowerShell's own help does.
        new XElement(Command + "parameterValue", new XAttribute("required", p.IsSwitch ? "false" : "true"), p.IsSwitch ? "SwitchParameter" : p.TypeName),
        new XElement(Dev + "type", new XElement(Maml + "name", p.IsSwitch ? "SwitchParameter" : p.TypeName)),
        new XElement(Dev + "defaultValue", p.Default.Length == 0 ? "None" : p.Default));

    private static string PipelineInput(bool byValue, bool byPropertyName) =>
        byValue && byPropertyName ? "True (ByValue, ByPropertyName)" : byValue ? "True (ByValue)" : byPropertyName ? "True (ByPropertyName)" : "False";

    /// <summary>
    /// INPUTS, from the compiled parameters: one entry per .NET type the pipeline binds to, saying which parameter
    /// takes it by value (with that parameter's description) and which properties bind by name.
    /// </summary>
    public static IReadOnlyList<(string Type, string Description)> Inputs(CmdletPage page, CompiledCmdlet cmdlet)
    {
        var piped = cmdlet.Parameters.Where(p => p.ByValue || p.ByPropertyName).ToList();
        if (piped.Count == 0) return new[] { ("None", "It takes nothing from the pipeline.") };
        return piped.GroupBy(p => p.TypeName).Select(group =>
        {
            var paragraphs = new List<string>();
            foreach (var p in group.Where(p => p.ByValue))
            {
                var described = page.Parameters.FirstOrDefault(d => d.Name == p.Name)?.Description ?? "";
                paragraphs.Add($"By value, to -{p.Name}{(p.ByPropertyName ? " (also by property name)" : "")}. {described}".TrimEnd());
            }
            var byName = group.Where(p => p.ByPropertyName && !p.ByValue).ToList();
            if (byName.Count > 0)
                paragraphs.Add("By property name: an object's properties (an Import-Csv row's columns) "
                               + string.Join(", ", byName.Select(p => p.Name + (p.Aliases.Count == 0 ? "" : $" (or {string.Join(", ", p.Aliases)})")))
                               + $", each to the parameter of {(byName.Count == 1 ? "its" : "that")} name.");
            return (group.Key, string.Join("\n\n", paragraphs));
        }).ToList();
    }

    /// <summary>Paragraphs split at blank lines; a Markdown list ("- item" lines) is a paragraph per item.</summary>
    internal static IEnumerable<XElement> Paras(string text) =>
        text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(p => p.TrimStart().StartsWith("- ", StringComparison.Ordinal) ? Regex.Split(p.Trim(), @"\n(?=- )") : new[] { p })
            .Select(p => new XElement(Maml + "para", Regex.Replace(p.Trim(), @"\s*\n\s*", " ")));
}
