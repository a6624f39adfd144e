using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ImpactActions.HelpGenerator;

namespace ImpactActions.Cmdlets.Tests;

/// <summary>
/// Every parameter as each page states it (type, position, pipeline input, aliases, mandatory, per parameter set where
/// that differs), read as the help generator reads it, against the compiled cmdlet's [Parameter] attributes and the
/// parameters PowerShell adds (-WhatIf, -Confirm, the paging ones). Get-Help -Full shows what the page says.
/// </summary>
public sealed class HelpParameterTests : IClassFixture<ModuleMetadata>
{
    private readonly ModuleMetadata _module;

    public HelpParameterTests(ModuleMetadata module) => _module = module;

    private CmdletPage Page(CmdletInfo cmdlet) => CmdletPage.Read(Path.Combine(_module.RepositoryRoot, "docs", "cmdlets", cmdlet.Name + ".md"));

    /// <summary>What each page gets wrong, one line per parameter and detail, so one run names every mistake.</summary>
    private IEnumerable<string> Differences(CmdletInfo cmdlet)
    {
        var page = Page(cmdlet);
        var compiled = cmdlet.Parameters.Concat(_module.AddedParameters(cmdlet)).GroupBy(p => p.Name);
        foreach (var attributes in compiled)
        {
            var name = $"{cmdlet.Name} -{attributes.Key}";
            var documented = page.Parameters.SingleOrDefault(p => p.Name == attributes.Key);
            if (documented is null)
            {
                yield return $"{name}: not on the page";
                continue;
            }
            var property = attributes.First().Property;
            if (documented.TypeName != PageTypeName(property.PropertyType))
                yield return $"{name}: the page says Type {documented.TypeName}, the cmdlet has {PageTypeName(property.PropertyType)}";
            if (!documented.Aliases.OrderBy(a => a, StringComparer.Ordinal).SequenceEqual(attributes.First().Aliases.OrderBy(a => a, StringComparer.Ordinal)))
                yield return $"{name}: the page says Aliases [{string.Join(", ", documented.Aliases)}], the cmdlet has [{string.Join(", ", attributes.First().Aliases)}]";

            // One value for all the parameter's sets, or the page cannot say it.
            foreach (var (detail, values) in new[]
                     {
                         ("Position", attributes.Select(a => a.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "named")),
                         ("Pipeline by value", attributes.Select(a => a.FromPipeline.ToString())),
                         ("Pipeline by property name", attributes.Select(a => a.FromPipelineByPropertyName.ToString())),
                     })
            {
                if (values.Distinct().Count() > 1)
                    yield return $"{name}: {detail} differs between its sets ({string.Join(", ", attributes.Select(a => a.Set))}), which a page cannot say yet";
            }
            var position = attributes.First().Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "named";
            if (documented.Position != position) yield return $"{name}: the page says Position {documented.Position}, the cmdlet has {position}";
            if (documented.ByValue != attributes.First().FromPipeline)
                yield return $"{name}: the page says {(documented.ByValue ? "" : "not ")}by value, the cmdlet takes it {(attributes.First().FromPipeline ? "" : "not ")}by value";
            if (documented.ByPropertyName != attributes.First().FromPipelineByPropertyName)
                yield return $"{name}: the page says {(documented.ByPropertyName ? "" : "not ")}by property name, the cmdlet takes it {(attributes.First().FromPipelineByPropertyName ? "" : "not ")}by property name";
            if (!documented.ByValue && !documented.ByPropertyName && documented.Pipeline != "no")
                yield return $"{name}: the page says Pipeline {documented.Pipeline}, the cmdlet takes it from no pipeline";

            var mandatory = attributes.Where(a => a.Mandatory).ToList();
            var (required, requiredIn) = mandatory.Count switch
            {
                0 => (false, null),
                1 when mandatory[0].Set != ParameterInfo.AllSets => (true, mandatory[0].Set),
                _ when mandatory.All(a => a.Set == ParameterInfo.AllSets) => (true, (string?)null),
                _ => (true, "several sets, which a page cannot say yet"),
            };
            if (documented.Required != required || documented.RequiredIn != requiredIn)
                yield return $"{name}: the page says {Required(documented.Required, documented.RequiredIn)}, the cmdlet has it {Required(required, requiredIn)}";
        }
    }

    private static string Required(bool required, string? set) => !required ? "not required" : set is null ? "required" : $"required in the {set} set";

    /// <summary>A type as the pages write it: C#'s keyword where there is one, switch for a SwitchParameter, an optional date as its date.</summary>
    private static string PageTypeName(Type type)
    {
        if (type.IsArray) return PageTypeName(type.GetElementType()!) + "[]";
        if (type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1") return PageTypeName(type.GetGenericArguments()[0]);
        return type.FullName switch
        {
            "System.String" => "string",
            "System.Int32" => "int",
            "System.Int64" => "long",
            "System.UInt64" => "ulong",
            "System.Boolean" => "bool",
            "System.Management.Automation.SwitchParameter" => "switch",
            _ => type.Name,
        };
    }

    [Fact]
    public void Every_page_states_each_parameter_as_the_compiled_cmdlet_has_it()
    {
        var differences = _module.Cmdlets.SelectMany(Differences).ToList();
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Fact]
    public void The_parameters_PowerShell_adds_are_documented_with_their_aliases()
    {
        // What the comparison above rests on: the added parameters are read from PowerShell's metadata, not assumed.
        var undo = _module.Cmdlet("Undo-ImpactAction");
        Assert.Equal(new[] { "Confirm:cf", "WhatIf:wi" }, _module.AddedParameters(undo).Select(p => $"{p.Name}:{string.Join(",", p.Aliases)}").OrderBy(n => n));
        var listing = _module.Cmdlet("Get-ImpactAction");
        Assert.Equal(new[] { "First:ulong", "IncludeTotalCount:switch", "Skip:ulong" },
            _module.AddedParameters(listing).Select(p => $"{p.Name}:{PageTypeName(p.Property.PropertyType)}").OrderBy(n => n));
        var whatIf = Page(undo).Parameters.Single(p => p.Name == "WhatIf");
        Assert.Equal(new[] { "wi" }, whatIf.Aliases);
    }

    [Fact]
    public void A_description_that_says_Required_in_passing_does_not_make_the_parameter_required()
    {
        // "407 Proxy Authentication Required" once made Get-Help say -ProxyCredential was required.
        var page = CmdletPage.Parse("# Connect-ImpactAccount\n\n## Parameters\n\n### -ProxyCredential\nWhat a proxy asks for (407 Proxy Authentication Required). Type: PSCredential. Pipeline: no.\n\n"
                                    + "### -AccountSid\nYour AccountSID. Type: string. Required in the Token set. Position: 0. Pipeline: no.\n");
        Assert.False(page.Parameters[0].Required);
        Assert.True(page.Parameters[1].Required);
        Assert.Equal("Token", page.Parameters[1].RequiredIn);
    }
}
