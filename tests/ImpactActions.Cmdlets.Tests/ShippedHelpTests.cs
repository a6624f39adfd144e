using System.IO;
using System.Linq;
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
}
