using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace ImpactActions.HelpGenerator;

/// <summary>Writes the MAML that Get-Help reads for binary cmdlets.</summary>
public static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static XDocument Write(IEnumerable<CmdletPage> pages) => new(
        new XDeclaration("1.0", "utf-8", null),
        new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
            pages.Select(Command_)));

    private static XElement Command_(CmdletPage page) => new(Command + "command",
        new XAttribute(XNamespace.Xmlns + "maml", Maml), new XAttribute(XNamespace.Xmlns + "command", Command), new XAttribute(XNamespace.Xmlns + "dev", Dev),
        new XElement(Command + "details",
            new XElement(Command + "name", page.Name),
            new XElement(Command + "verb", page.Verb),
            new XElement(Command + "noun", page.Noun),
            new XElement(Maml + "description", Paras(page.Synopsis))),
        new XElement(Maml + "description", Paras(page.Description)),
        new XElement(Command + "syntax", page.Syntax.Select(line => new XElement(Command + "syntaxItem",
            new XElement(Maml + "name", page.Name),
            page.Parameters.Where(p => line.Contains("-" + p.Name + " ") || line.Contains("-" + p.Name + "]") || line.EndsWith("-" + p.Name, System.StringComparison.Ordinal))
                .Select(Parameter)))),
        new XElement(Command + "parameters", page.Parameters.Select(Parameter)),
        new XElement(Command + "returnValues", new XElement(Command + "returnValue",
            new XElement(Dev + "type", new XElement(Maml + "name", page.Outputs)))),
        new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(page.Notes))),
        new XElement(Command + "examples", page.Examples.Select((e, i) => new XElement(Command + "example",
            new XElement(Maml + "title", $"-------------------------- Example {i + 1}: {e.Title} --------------------------"),
            new XElement(Dev + "code", e.Code),
            new XElement(Dev + "remarks", Paras(e.Remarks))))));

    private static XElement Parameter(PageParameter p) => new(Command + "parameter",
        new XAttribute("required", p.Required ? "true" : "false"),
        new XAttribute("globbing", "false"),
        new XAttribute("pipelineInput", p.ByValue && p.ByPropertyName ? "True (ByValue, ByPropertyName)" : p.ByValue ? "True (ByValue)" : p.ByPropertyName ? "True (ByPropertyName)" : "False"),
        new XAttribute("position", p.Position),
        new XAttribute("aliases", p.Aliases.Count == 0 ? "none" : string.Join(", ", p.Aliases)),
        new XElement(Maml + "name", p.Name),
        new XElement(Maml + "description", Paras(p.Description)),
        new XElement(Command + "parameterValue", new XAttribute("required", p.Type.StartsWith("switch", System.StringComparison.Ordinal) ? "false" : "true"), p.Type.Split(' ')[0]),
        new XElement(Dev + "type", new XElement(Maml + "name", p.Type.Split(' ')[0])),
        new XElement(Dev + "defaultValue", p.Default.Length == 0 ? "None" : p.Default));

    private static IEnumerable<XElement> Paras(string text) =>
        text.Split(new[] { "\n\n" }, System.StringSplitOptions.RemoveEmptyEntries).Select(p => new XElement(Maml + "para", p.Replace('\n', ' ').Trim()));
}
