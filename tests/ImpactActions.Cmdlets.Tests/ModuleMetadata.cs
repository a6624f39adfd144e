using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;

namespace ImpactActions.Cmdlets.Tests;

/// <summary>The built cmdlet assembly, read through MetadataLoadContext: its types and attributes, never run.</summary>
public sealed class ModuleMetadata : IDisposable
{
    private readonly MetadataLoadContext _context;

    public ModuleMetadata()
    {
        RepositoryRoot = FindRepositoryRoot();
        ModuleDirectory = Path.Combine(RepositoryRoot, "out", "module");
        var sma = typeof(ModuleMetadata).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SmaReferencePath").Value!;
        var paths = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
            .Concat(Directory.GetFiles(ModuleDirectory, "*.dll", SearchOption.AllDirectories))
            .Append(sma);
        _context = new MetadataLoadContext(new PathAssemblyResolver(paths.GroupBy(Path.GetFileName).Select(g => g.Last())));
        Assembly = _context.LoadFromAssemblyPath(Path.Combine(ModuleDirectory, "ImpactActions.dll"));
        Sma = _context.LoadFromAssemblyPath(sma);
        Cmdlets = Assembly.GetTypes()
            .Select(t => (Type: t, Attribute: t.GetCustomAttributesData().SingleOrDefault(a => a.AttributeType.FullName == "System.Management.Automation.CmdletAttribute")))
            .Where(x => x.Attribute is not null && !x.Type.IsAbstract)
            .Select(x => new CmdletInfo(x.Type, x.Attribute!))
            .ToList();
    }

    public string RepositoryRoot { get; }
    public string ModuleDirectory { get; }
    public Assembly Assembly { get; }
    public Assembly Sma { get; }
    public IReadOnlyList<CmdletInfo> Cmdlets { get; }

    public CmdletInfo Cmdlet(string name) => Cmdlets.Single(c => c.Name == name);

    /// <summary>The verbs PowerShell approves: the constants of its Verbs* classes.</summary>
    public IReadOnlyCollection<string> ApprovedVerbs() =>
        Sma.GetTypes().Where(t => t.Namespace == "System.Management.Automation" && t.Name.StartsWith("Verbs", StringComparison.Ordinal))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The parameters PowerShell adds to a cmdlet that its help documents: -WhatIf and -Confirm with SupportsShouldProcess,
    /// -First, -Skip and -IncludeTotalCount with SupportsPaging, read from PowerShell's own ShouldProcessParameters and
    /// PagingParameters (their types and aliases).
    /// </summary>
    public IReadOnlyList<ParameterInfo> AddedParameters(CmdletInfo cmdlet)
    {
        var sources = new List<string>();
        if (cmdlet.SupportsShouldProcess) sources.Add("System.Management.Automation.Internal.ShouldProcessParameters");
        if (cmdlet.SupportsPaging) sources.Add("System.Management.Automation.PagingParameters");
        return sources.Select(name => Sma.GetType(name, throwOnError: true)!)
            .SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .SelectMany(p => p.GetCustomAttributesData().Where(a => a.AttributeType.FullName == "System.Management.Automation.ParameterAttribute").Select(a => new ParameterInfo(p, a)))
            .ToList();
    }

    internal static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "ImpactActions.sln"))) return directory.FullName;
        throw new InvalidOperationException("ImpactActions.sln not found above " + AppContext.BaseDirectory);
    }

    public void Dispose() => _context.Dispose();
}

public sealed class CmdletInfo
{
    public CmdletInfo(Type type, CustomAttributeData attribute)
    {
        Type = type;
        Verb = (string)attribute.ConstructorArguments[0].Value!;
        Noun = (string)attribute.ConstructorArguments[1].Value!;
        Named = attribute.NamedArguments.ToDictionary(a => a.MemberName, a => a.TypedValue.Value);
        Parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .SelectMany(p => p.GetCustomAttributesData().Where(a => a.AttributeType.FullName == "System.Management.Automation.ParameterAttribute")
                .Select(a => new ParameterInfo(p, a)))
            .ToList();
    }

    public Type Type { get; }
    public string Verb { get; }
    public string Noun { get; }
    public string Name => Verb + "-" + Noun;
    public IReadOnlyDictionary<string, object?> Named { get; }

    /// <summary>One entry per [Parameter] attribute: a parameter in two sets appears twice.</summary>
    public IReadOnlyList<ParameterInfo> Parameters { get; }

    public IEnumerable<string> ParameterNames => Parameters.Select(p => p.Name).Distinct();

    public IEnumerable<ParameterInfo> Parameter(string name) => Parameters.Where(p => p.Name == name);

    public bool SupportsShouldProcess => Named.TryGetValue("SupportsShouldProcess", out var v) && v is true;

    public bool SupportsPaging => Named.TryGetValue("SupportsPaging", out var v) && v is true;

    public string? DefaultParameterSetName => Named.TryGetValue("DefaultParameterSetName", out var v) ? (string?)v : null;

    /// <summary>Named sets, or the single implicit set when no parameter names one.</summary>
    public IReadOnlyCollection<string> ParameterSets()
    {
        var named = Parameters.Select(p => p.Set).Where(s => s != ParameterInfo.AllSets).ToHashSet();
        return named.Count == 0 ? new[] { ParameterInfo.AllSets } : named;
    }

    public IEnumerable<ParameterInfo> InSet(string set) => Parameters.Where(p => p.Set == set || p.Set == ParameterInfo.AllSets);

    public IEnumerable<CustomAttributeData> TypeAttributes(string fullName) => Type.GetCustomAttributesData().Where(a => a.AttributeType.FullName == fullName);
}

public sealed class ParameterInfo
{
    public const string AllSets = "__AllParameterSets";

    public ParameterInfo(PropertyInfo property, CustomAttributeData attribute)
    {
        Property = property;
        var named = attribute.NamedArguments.ToDictionary(a => a.MemberName, a => a.TypedValue.Value);
        Set = named.TryGetValue("ParameterSetName", out var set) && set is string s ? s : AllSets;
        Mandatory = named.TryGetValue("Mandatory", out var m) && m is true;
        FromPipeline = named.TryGetValue("ValueFromPipeline", out var v) && v is true;
        FromPipelineByPropertyName = named.TryGetValue("ValueFromPipelineByPropertyName", out var b) && b is true;
        Position = named.TryGetValue("Position", out var position) && position is int p ? p : null;
    }

    public PropertyInfo Property { get; }
    public string Name => Property.Name;
    public string Set { get; }
    public bool Mandatory { get; }
    public bool FromPipeline { get; }
    public bool FromPipelineByPropertyName { get; }
    public int? Position { get; }

    public IReadOnlyList<string> Aliases => Property.GetCustomAttributesData()
        .Where(a => a.AttributeType.FullName == "System.Management.Automation.AliasAttribute")
        .SelectMany(a => ((IEnumerable<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!).Select(v => (string)v.Value!))
        .ToList();

    public string? CompleterType => Property.GetCustomAttributesData()
        .Where(a => a.AttributeType.FullName == "System.Management.Automation.ArgumentCompleterAttribute")
        .Select(a => ((Type)a.ConstructorArguments[0].Value!).Name).SingleOrDefault();
}
