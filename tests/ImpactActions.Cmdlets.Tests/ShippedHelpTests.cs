using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;

namespace ImpactActions.Cmdlets.Tests;

/// <summary>The MAML help the build generates from docs/cmdlets: what Get-Help -Full shows.</summary>
public sealed class ShippedHelpTests : IClassFixture<ModuleMetadata>
{
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private readonly ModuleMetadata _module;

    public ShippedHelpTests(ModuleMetadata module) => _module = module;

    private XElement Help(string cmdlet)
    {
        var path = Path.Combine(_module.ModuleDirectory, "en-US", "ImpactActions.dll-Help.xml");
        Assert.True(File.Exists(path), "the build did not generate the help file");
        return XDocument.Load(path).Descendants(Command + "command")
            .Single(c => (string)c.Element(Command + "details")!.Element(Command + "name")! == cmdlet);
    }

    [Fact]
    public void Every_cmdlet_has_a_synopsis_every_parameter_and_two_examples()
    {
        foreach (var cmdlet in _module.Cmdlets)
        {
            var help = Help(cmdlet.Name);
            Assert.True(help.Element(Command + "details")!.Element(Maml + "description")!.Value.Trim().Length > 20, cmdlet.Name);
            var documented = help.Element(Command + "parameters")!.Elements(Command + "parameter").Select(p => (string)p.Element(Maml + "name")!).ToList();
            foreach (var parameter in cmdlet.ParameterNames)
            {
                Assert.Contains(parameter, documented);
                var entry = help.Element(Command + "parameters")!.Elements(Command + "parameter").Single(p => (string)p.Element(Maml + "name")! == parameter);
                Assert.True(entry.Element(Maml + "description")!.Value.Trim().Length > 5, $"{cmdlet.Name} -{parameter} has no description");
            }
            Assert.True(help.Element(Command + "examples")!.Elements(Command + "example").Count() >= 2, cmdlet.Name);
            Assert.All(help.Element(Command + "examples")!.Elements(Command + "example"), e => Assert.Contains(e.Element(Dev + "code")!.Value, s => s == '-'));
        }
    }

    [Fact]
    public void Code_in_the_pages_keeps_its_stars_while_emphasis_marks_go()
    {
        var outputs = Help("Get-ImpactAction").Element(Command + "returnValues")!.Value;
        Assert.Contains("Format-List * every one", outputs);
        Assert.DoesNotContain("`", outputs);
    }

    [Fact]
    public void The_help_sits_in_a_culture_folder_under_the_manifest_that_imports_the_module()
    {
        // Get-Help looks under the module base (the folder of the imported manifest), not beside the assembly.
        var packaged = Path.Combine(_module.ModuleDirectory, "en-US", "ImpactActions.dll-Help.xml");
        var besideRootManifest = Path.Combine(_module.RepositoryRoot, "en-US", "ImpactActions.dll-Help.xml");
        Assert.True(File.Exists(besideRootManifest), "no help beside ImpactActions.psd1");
        Assert.Equal(File.ReadAllText(packaged), File.ReadAllText(besideRootManifest));
    }

    [Fact]
    public void Parameter_details_come_through_from_the_pages()
    {
        var connect = Help("Connect-ImpactAccount").Element(Command + "parameters")!.Elements(Command + "parameter").ToDictionary(p => (string)p.Element(Maml + "name")!);
        Assert.Equal("https://api.impact.com", (string)connect["BaseUri"].Element(Dev + "defaultValue")!);
        Assert.Equal("0", (string)connect["AccountSid"].Attribute("position")!);

        var items = Help("Set-ImpactActionItem").Element(Command + "parameters")!.Elements(Command + "parameter").ToDictionary(p => (string)p.Element(Maml + "name")!);
        Assert.Equal("True (ByPropertyName)", (string)items["Quantity"].Attribute("pipelineInput")!);
        Assert.Equal("Oid", (string)items["OrderId"].Attribute("aliases")!);

        var get = Help("Get-ImpactAction").Element(Command + "parameters")!.Elements(Command + "parameter").ToDictionary(p => (string)p.Element(Maml + "name")!);
        Assert.Equal("True (ByValue, ByPropertyName)", (string)get["ActionId"].Attribute("pipelineInput")!);
        Assert.Equal("true", (string)get["CampaignId"].Attribute("required")!);
    }

    private static IEnumerable<string> Paras(XElement? element) =>
        element?.Descendants(Maml + "para").Select(p => p.Value) ?? Enumerable.Empty<string>();

    /// <summary>A type as INPUTS and OUTPUTS name it: the full .NET name, an optional value as its value type.</summary>
    private static string FullName(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1" ? FullName(type.GetGenericArguments()[0]) : type.FullName!;

    [Fact]
    public void Inputs_name_each_type_the_pipeline_binds_and_every_parameter_that_takes_it()
    {
        foreach (var cmdlet in _module.Cmdlets)
        {
            var inputs = Help(cmdlet.Name).Element(Command + "inputTypes")!.Elements(Command + "inputType")
                .ToDictionary(i => i.Element(Dev + "type")!.Element(Maml + "name")!.Value, i => string.Join(" ", Paras(i)));
            var piped = cmdlet.Parameters.Where(p => p.FromPipeline || p.FromPipelineByPropertyName).ToList();
            if (piped.Count == 0)
            {
                Assert.Equal(new[] { "None" }, inputs.Keys);
                continue;
            }
            Assert.Equal(piped.Select(p => FullName(p.Property.PropertyType)).Distinct().OrderBy(n => n), inputs.Keys.OrderBy(n => n));
            foreach (var parameter in piped)
            {
                var said = inputs[FullName(parameter.Property.PropertyType)];
                Assert.Contains(parameter.FromPipeline ? "By value, to -" + parameter.Name : parameter.Name, said);
                if (parameter.FromPipelineByPropertyName) Assert.Contains("property name", said);
            }
        }
    }

    [Fact]
    public void Outputs_name_the_declared_output_type_and_say_what_comes_out()
    {
        foreach (var cmdlet in _module.Cmdlets)
        {
            var declared = cmdlet.TypeAttributes("System.Management.Automation.OutputTypeAttribute")
                .SelectMany(a => a.ConstructorArguments).SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(m => m.Value) : new[] { arg.Value })
                .OfType<Type>().Select(t => t.FullName == "System.Void" ? "None" : t.FullName!).Single();
            var output = Help(cmdlet.Name).Element(Command + "returnValues")!.Element(Command + "returnValue")!;
            Assert.Equal(declared, output.Element(Dev + "type")!.Element(Maml + "name")!.Value);
            var sentence = string.Join(" ", Paras(output.Element(Maml + "description")));
            Assert.True(sentence.Length > 10 && sentence.EndsWith('.') && char.IsUpper(sentence[0]), $"{cmdlet.Name}: OUTPUTS says '{sentence}'");
        }
    }

    [Fact]
    public void Related_links_name_the_module_s_other_cmdlets_and_its_about_topic()
    {
        foreach (var cmdlet in _module.Cmdlets)
        {
            var links = Help(cmdlet.Name).Element(Maml + "relatedLinks")!.Elements(Maml + "navigationLink").Select(l => l.Element(Maml + "linkText")!.Value).ToList();
            Assert.Contains("about_ImpactActions", links);
            Assert.Contains(links, l => l != "about_ImpactActions");
            Assert.DoesNotContain(cmdlet.Name, links);
            Assert.All(links.Where(l => l != "about_ImpactActions"), l => Assert.Contains(l, _module.Cmdlets.Select(c => c.Name)));
        }
    }

    [Fact]
    public void No_Markdown_table_or_list_mark_reaches_Get_Help_as_text()
    {
        foreach (var cmdlet in _module.Cmdlets)
        {
            var paras = Paras(Help(cmdlet.Name)).ToList();
            Assert.DoesNotContain(paras, p => p.Contains("| ---") || p.TrimStart().StartsWith('|') || p.Contains("##"));
            // A list is a paragraph per item, not items run together into one.
            Assert.DoesNotContain(paras, p => System.Text.RegularExpressions.Regex.IsMatch(p, @"\S - (Queued|Applied|Skipped|Failed|OutcomeUnknown|NotSent):"));
        }
        var notes = Paras(Help("Set-ImpactActionItem").Element(Maml + "alertSet")).ToList();
        foreach (var status in new[] { "Queued", "Applied", "Skipped", "Failed", "OutcomeUnknown", "NotSent" })
            Assert.Contains(notes, p => p.StartsWith($"- {status}: ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_about_topic_ships_beside_the_cmdlet_help_as_plain_text()
    {
        var packaged = Path.Combine(_module.ModuleDirectory, "en-US", "about_ImpactActions.help.txt");
        var besideRootManifest = Path.Combine(_module.RepositoryRoot, "en-US", "about_ImpactActions.help.txt");
        Assert.True(File.Exists(packaged), "the build did not generate about_ImpactActions.help.txt");
        Assert.Equal(File.ReadAllText(packaged), File.ReadAllText(besideRootManifest));
        var text = File.ReadAllText(packaged);
        Assert.StartsWith("TOPIC\n    about_ImpactActions\n\nSHORT DESCRIPTION\n    ", text);
        // The synopsis Get-Help lists is the short description's first line: it is all of it.
        Assert.Matches(@"SHORT DESCRIPTION\n    [^\n]+\n\nLONG DESCRIPTION\n", text);
        Assert.DoesNotContain("`", text);
        Assert.DoesNotContain("\n#", text);
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 80 || line.StartsWith("        ", StringComparison.Ordinal), $"longer than 80 columns: {line}"));
        var flowing = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
        foreach (var concept in new[] { "-SkipCredentialCheck", "-Connection", "OutcomeUnknown", "NotSent", "-JournalPath", "-ResendUnknown", "./build.ps1 -Task Demo", "-ClampToThreeYears", "45-day", "1,000 modifications" })
            Assert.Contains(concept, flowing);
    }
}
