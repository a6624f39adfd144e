using System.Reflection;
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace ImpactActions.Cmdlets.Tests;

/// <summary>The module's surface as users rely on it, read from the compiled assembly and the manifest.</summary>
public sealed class CmdletContractTests : IClassFixture<ModuleMetadata>
{
    private static readonly string[] Expected =
    {
        "Connect-ImpactAccount", "Disconnect-ImpactAccount", "Get-ImpactConnection", "Get-ImpactAction", "Get-ImpactActionItem",
        "Set-ImpactActionItem", "Set-ImpactAction", "Undo-ImpactAction", "Get-ImpactSubmission", "Wait-ImpactSubmission",
    };

    private readonly ModuleMetadata _module;

    public CmdletContractTests(ModuleMetadata module) => _module = module;

    private string Manifest => File.ReadAllText(Path.Combine(_module.RepositoryRoot, "ImpactActions.psd1"));

    private IReadOnlyList<string> ManifestList(string key)
    {
        var match = Regex.Match(Manifest, key + @"\s*=\s*@\((?<items>[^)]*)\)", RegexOptions.Singleline);
        Assert.True(match.Success, $"{key} missing from the manifest");
        return Regex.Matches(match.Groups["items"].Value, "'([^']*)'").Select(m => m.Groups[1].Value).ToList();
    }

    [Fact]
    public void The_assembly_has_exactly_the_documented_cmdlets() =>
        Assert.Equal(Expected.OrderBy(n => n), _module.Cmdlets.Select(c => c.Name).OrderBy(n => n));

    [Fact]
    public void The_manifest_exports_exactly_the_cmdlets_that_exist_and_nothing_by_wildcard()
    {
        Assert.Equal(_module.Cmdlets.Select(c => c.Name).OrderBy(n => n), ManifestList("CmdletsToExport").OrderBy(n => n));
        Assert.Empty(ManifestList("FunctionsToExport"));
        Assert.Empty(ManifestList("AliasesToExport"));
        Assert.Empty(ManifestList("VariablesToExport"));
        foreach (var key in new[] { "CmdletsToExport", "FunctionsToExport", "AliasesToExport", "VariablesToExport" })
            Assert.DoesNotContain(ManifestList(key), name => name.Contains('*'));
    }

    [Fact]
    public void The_manifest_declares_both_editions_5_1_and_points_at_files_that_exist()
    {
        Assert.Equal(new[] { "Desktop", "Core" }, ManifestList("CompatiblePSEditions"));
        Assert.Matches(@"PowerShellVersion\s*=\s*'5\.1'", Manifest);
        // netstandard2.0 loads on .NET Framework 4.7.2 and later: Windows PowerShell on an older one must say so at import.
        Assert.Matches(@"DotNetFrameworkVersion\s*=\s*'4\.7\.2'", Manifest);
        Assert.Matches(@"RootModule\s*=\s*'out/module/ImpactActions\.dll'", Manifest);
        Assert.Matches(@"ModuleVersion\s*=\s*'\d+\.\d+\.\d+'", Manifest);
        Assert.Matches(@"Description\s*=\s*'.{40,}", Manifest);
        Assert.Matches(@"Tags\s*=\s*@\(", Manifest);
        // No placeholder address: a ProjectUri, when there is one, is a real https address.
        Assert.DoesNotMatch(@"ProjectUri\s*=\s*'(?!https://)", Manifest);
        Assert.DoesNotContain("github.com/ImpactActions/ImpactActions", Manifest);
        Assert.True(File.Exists(Path.Combine(_module.RepositoryRoot, "LICENSE")), "LICENSE");
        foreach (var format in ManifestList("FormatsToProcess"))
            Assert.True(File.Exists(Path.Combine(_module.RepositoryRoot, format)), format);
        // Only the cmdlet assembly at the top: Core and its dependencies wait in Dependencies/ for the loader.
        Assert.Equal(new[] { "ImpactActions.dll" }, Directory.GetFiles(_module.ModuleDirectory, "*.dll").Select(Path.GetFileName));
        Assert.True(File.Exists(Path.Combine(_module.ModuleDirectory, "Dependencies", "ImpactActions.Core.dll")));
        Assert.True(File.Exists(Path.Combine(_module.ModuleDirectory, "Dependencies", "Polly.Core.dll")));
        // And Core's net8.0 build with the Polly it needs, for PowerShell 7; the netstandard2.0 copies of what .NET 8 carries stay out.
        Assert.Equal(new[] { "ImpactActions.Core.dll", "Polly.Core.dll" },
            Directory.GetFiles(Path.Combine(_module.ModuleDirectory, "Dependencies", "net8.0"), "*.dll").Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void Every_verb_is_approved()
    {
        var approved = _module.ApprovedVerbs();
        Assert.Contains("Get", approved);
        Assert.All(_module.Cmdlets, c => Assert.Contains(c.Verb, approved));
    }

    [Fact]
    public void Every_cmdlet_declares_its_output_type()
    {
        foreach (var cmdlet in _module.Cmdlets)
            Assert.True(cmdlet.TypeAttributes("System.Management.Automation.OutputTypeAttribute").Any(), $"{cmdlet.Name} has no [OutputType]");
    }

    [Fact]
    public void No_output_type_has_an_enum_property_which_ConvertTo_Json_would_write_as_a_number()
    {
        var outputs = _module.Cmdlets.SelectMany(c => c.TypeAttributes("System.Management.Automation.OutputTypeAttribute"))
            .SelectMany(a => a.ConstructorArguments).SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(m => m.Value) : new[] { arg.Value })
            .OfType<Type>().Where(t => t.FullName != "System.Void").Distinct().ToList();
        Assert.Contains(outputs, t => t.Name == "RowResult");
        var enums = outputs.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => (Type: t, Property: p)))
            .Where(x => (Nullable.GetUnderlyingType(x.Property.PropertyType) ?? x.Property.PropertyType).IsEnum)
            .Select(x => $"{x.Type.Name}.{x.Property.Name}");
        Assert.Empty(enums);
    }

    [Theory]
    [InlineData("Set-ImpactActionItem", "Medium")]
    [InlineData("Set-ImpactAction", "Medium")]
    [InlineData("Undo-ImpactAction", "High")]
    public void Every_write_supports_WhatIf_and_Confirm(string name, string impact)
    {
        var cmdlet = _module.Cmdlet(name);
        Assert.True(cmdlet.SupportsShouldProcess);
        Assert.Equal(impact, Enum.GetName(typeof(ConfirmImpactLevels), Convert.ToInt32(cmdlet.Named["ConfirmImpact"], System.Globalization.CultureInfo.InvariantCulture)));
    }

    private enum ConfirmImpactLevels
    {
        None,
        Low,
        Medium,
        High,
    }

    [Fact]
    public void Reads_do_not_pretend_to_change_anything()
    {
        foreach (var cmdlet in _module.Cmdlets.Where(c => c.Verb is "Get" or "Wait"))
            Assert.False(cmdlet.SupportsShouldProcess, cmdlet.Name);
    }

    [Fact]
    public void Parameter_sets_are_resolvable()
    {
        foreach (var cmdlet in _module.Cmdlets)
        {
            var sets = cmdlet.ParameterSets();
            // A default set no parameter names is how a cmdlet runs with none of its sets' mandatory parameters
            // (Connect-ImpactAccount with no credentials reads the environment); anywhere else it is a typo.
            var intendedEmptyDefault = cmdlet.Name == "Connect-ImpactAccount" && cmdlet.DefaultParameterSetName == "Environment";
            if (cmdlet.DefaultParameterSetName is { } defaultSet && sets.Count > 1 && !intendedEmptyDefault) Assert.Contains(defaultSet, sets);
            if (sets.Count > 1) Assert.False(cmdlet.DefaultParameterSetName is null, $"{cmdlet.Name} has sets but no default");
            foreach (var set in sets)
            {
                var inSet = cmdlet.InSet(set).ToList();
                var positions = inSet.Where(p => p.Position is not null).Select(p => p.Position).ToList();
                Assert.True(positions.Count == positions.Distinct().Count(), $"{cmdlet.Name}/{set}: two parameters share a position");
                Assert.True(inSet.Count(p => p.FromPipeline) <= 1, $"{cmdlet.Name}/{set}: more than one parameter takes the pipeline by value");
            }
            // Two sets that need the same mandatory parameters cannot be told apart.
            var signatures = sets.Where(s => s != cmdlet.DefaultParameterSetName)
                .Select(s => string.Join(",", cmdlet.InSet(s).Where(p => p.Mandatory).Select(p => p.Name).OrderBy(n => n))).ToList();
            Assert.True(signatures.Count == signatures.Distinct().Count(), $"{cmdlet.Name}: two parameter sets have the same mandatory parameters");
        }
    }

    [Fact]
    public void Every_cmdlet_that_talks_to_the_API_takes_a_Connection()
    {
        foreach (var cmdlet in _module.Cmdlets.Where(c => c.Noun != "ImpactAccount" && c.Noun != "ImpactConnection"))
            Assert.Contains("Connection", cmdlet.ParameterNames);
    }

    [Fact]
    public void Csv_columns_bind_by_name_as_text_in_one_parameter_set()
    {
        var cmdlet = _module.Cmdlet("Set-ImpactActionItem");
        var columns = new[] { "ActionId", "ActionTrackerId", "OrderId", "Sku", "Quantity", "Amount", "Delta", "Category", "ItemName", "Rebate", "Reason" };
        foreach (var column in columns)
        {
            var parameter = Assert.Single(cmdlet.Parameter(column));
            Assert.True(parameter.FromPipelineByPropertyName, column);
            // A numeric type would turn an empty cell into 0; a mandatory one would refuse the row before Core could name the field.
            Assert.Equal("String", parameter.Property.PropertyType.Name);
            Assert.False(parameter.Mandatory, column);
            Assert.Equal(ParameterInfo.AllSets, parameter.Set);
        }
        Assert.Contains("Oid", Assert.Single(cmdlet.Parameter("OrderId")).Aliases);
        Assert.Contains("Id", Assert.Single(cmdlet.Parameter("ActionId")).Aliases);
    }

    [Fact]
    public void Actions_flow_into_items_and_ids_into_actions()
    {
        var items = Assert.Single(_module.Cmdlet("Get-ImpactActionItem").Parameter("ActionId"));
        Assert.True(items.FromPipelineByPropertyName);
        Assert.Contains("Id", items.Aliases);
        Assert.True(Assert.Single(_module.Cmdlet("Get-ImpactActionItem").Parameter("Sku")).FromPipelineByPropertyName);

        var byId = Assert.Single(_module.Cmdlet("Get-ImpactAction").Parameter("ActionId"));
        Assert.True(byId.FromPipeline && byId.FromPipelineByPropertyName && byId.Mandatory);
        Assert.Contains("Id", byId.Aliases);
        Assert.True(_module.Cmdlet("Get-ImpactAction").Named.TryGetValue("SupportsPaging", out var paging) && paging is true);

        Assert.True(_module.Cmdlet("Get-ImpactSubmission").Parameter("QueuedUri").Single().FromPipelineByPropertyName);
        Assert.True(_module.Cmdlet("Wait-ImpactSubmission").Parameter("QueuedUri").Single().FromPipelineByPropertyName);
        // Whatever is piped reaches InputObject, which reads a result, a submission or a BatchId string itself.
        foreach (var name in new[] { "Get-ImpactSubmission", "Wait-ImpactSubmission" })
        {
            Assert.True(Assert.Single(_module.Cmdlet(name).Parameter("InputObject")).FromPipeline);
            Assert.All(_module.Cmdlet(name).Parameter("BatchId"), p => Assert.True(p.FromPipelineByPropertyName && !p.FromPipeline && !p.Mandatory));
        }
    }

    [Fact]
    public void Action_cmdlets_bind_every_row_shape_and_leave_missing_values_to_a_row_error()
    {
        // No mandatory parameter and no parameter sets: a row that lacks a value still binds, and Core names its row.
        foreach (var name in new[] { "Undo-ImpactAction", "Set-ImpactAction", "Set-ImpactActionItem" })
        {
            var cmdlet = _module.Cmdlet(name);
            Assert.Equal(new[] { ParameterInfo.AllSets }, cmdlet.ParameterSets());
            Assert.DoesNotContain(cmdlet.ParameterNames.SelectMany(cmdlet.Parameter), p => p.Mandatory);
            Assert.Contains("Oid", cmdlet.Parameter("OrderId").Single().Aliases);
            Assert.Contains("Id", cmdlet.Parameter("ActionId").Single().Aliases);
        }
        var undo = _module.Cmdlet("Undo-ImpactAction");
        Assert.True(undo.Parameter("InputObject").Single().FromPipeline);
    }

    [Fact]
    public void Connect_offers_a_token_a_credential_or_the_environment()
    {
        var connect = _module.Cmdlet("Connect-ImpactAccount");
        Assert.Equal(new[] { "Credential", "Environment", "Token" }, connect.ParameterSets().Concat(new[] { connect.DefaultParameterSetName! }).Distinct().OrderBy(s => s));
        Assert.Equal("SecureString", connect.Parameter("AuthToken").Single().Property.PropertyType.Name);
        Assert.Equal("PSCredential", connect.Parameter("Credential").Single().Property.PropertyType.Name);
        Assert.Contains("PassThru", connect.ParameterNames);
    }

    [Theory]
    [InlineData("Get-ImpactAction", "State", "StateCompleter")]
    [InlineData("Set-ImpactActionItem", "Reason", "ItemReasonCompleter")]
    [InlineData("Set-ImpactAction", "Reason", "ReasonCompleter")]
    [InlineData("Set-ImpactAction", "DispositionCode", "UpdateDispositionCodeCompleter")]
    [InlineData("Undo-ImpactAction", "DispositionCode", "DispositionCodeCompleter")]
    [InlineData("Set-ImpactAction", "CustomerStatus", "CustomerStatusCompleter")]
    [InlineData("Get-ImpactAction", "CampaignId", "CampaignIdCompleter")]
    public void Codes_tab_complete(string cmdlet, string parameter, string completer) =>
        Assert.Equal(completer, _module.Cmdlet(cmdlet).Parameter(parameter).First().CompleterType);

    [Fact]
    public void Importing_the_module_registers_the_dependency_loader()
    {
        var initializers = _module.Assembly.GetTypes().Where(t => t.GetInterfaces().Any(i => i.FullName == "System.Management.Automation.IModuleAssemblyInitializer")).ToList();
        Assert.Equal("ImpactActions.Loading.ModuleInitializer", Assert.Single(initializers).FullName);
    }

    [Fact]
    public void The_cmdlet_assembly_references_only_PowerShell_Core_and_the_framework()
    {
        // Polly and System.Text.Json stay behind Core, so they can be isolated from other modules.
        var references = _module.Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Contains("ImpactActions.Core", references);
        Assert.Contains("System.Management.Automation", references);
        Assert.DoesNotContain(references, r => r.StartsWith("Polly", StringComparison.Ordinal) || r == "System.Text.Json");
        Assert.All(references, r => Assert.True(r is "netstandard" or "System.Management.Automation" or "ImpactActions.Core" || r.StartsWith("System.", StringComparison.Ordinal), r));
    }

    [Fact]
    public void The_cmdlet_assembly_binds_no_async_interface_of_its_own()
    {
        // On .NET Framework, IAsyncEnumerable and ValueTask come from Microsoft.Bcl.AsyncInterfaces and
        // System.Threading.Tasks.Extensions, which another module may have loaded at another version: a
        // cmdlet bound to that copy could not call Core (MissingMethodException). The cmdlets read Core's
        // streams through RecordCursor, so only Core binds them.
        var references = _module.Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain("Microsoft.Bcl.AsyncInterfaces", references);
        Assert.DoesNotContain("System.Threading.Tasks.Extensions", references);
    }

    [Fact]
    public void No_public_type_needs_a_dependency_to_load()
    {
        // PowerShell enumerates the public types before OnImport registers the loader: a public type whose
        // layout holds a value type of Core (or of a generic over Core types) fails Import-Module.
        static bool FromDependency(Type type) =>
            type.Assembly.GetName().Name is not ("ImpactActions" or "System.Management.Automation" or "System.Private.CoreLib" or "System.Runtime" or "netstandard")
            || (type.IsGenericType && type.GetGenericArguments().Any(FromDependency));
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var offenders = _module.Assembly.GetExportedTypes()
            .SelectMany(t => t.GetFields(all).Where(f => f.FieldType.IsValueType && FromDependency(f.FieldType)).Select(f => $"{t.FullName}.{f.Name}: {f.FieldType}"))
            .ToList();
        Assert.Empty(offenders);
    }
}
