using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace ImpactActions.Loading;

/// <summary>
/// PowerShell 7's home for the module's dependencies. <see cref="Load"/> is asked first for every
/// assembly Core and its dependencies reference, before the default context is consulted, so a Polly
/// another module put in the default context is never bound to ours. An assembly the runtime itself
/// carries (its trusted platform assemblies) at the version asked for or newer is left to it:
/// System.Memory, System.Text.Json and the like are then the one copy PowerShell and the framework use,
/// not the netstandard2.0 builds in Dependencies/, which exist for Windows PowerShell.
/// </summary>
/// <remarks>
/// The cmdlet assembly is in the default context (PowerShell loads it there). Of what it references,
/// the default context finds nothing for Core; its Resolving event answers with this context's copy,
/// so cmdlets and Core share one set of types.
/// </remarks>
internal sealed class ModuleLoadContext : AssemblyLoadContext
{
    private readonly string _directory;
    private readonly Dictionary<string, string> _platform;
    private Func<AssemblyLoadContext, AssemblyName, Assembly?>? _defaultResolving;

    public ModuleLoadContext(string directory)
    {
        _directory = directory;
        _platform = PlatformAssemblies();
    }

    /// <summary>Answers the default context's failed loads of the cmdlets' own references that this context holds.</summary>
    public void AttachToDefault(IEnumerable<string?> referencedByCmdlets)
    {
        var shared = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in referencedByCmdlets)
            if (name is not null && File.Exists(PathOf(name))) shared.Add(name);
        _defaultResolving = (_, name) => name.Name is { } n && shared.Contains(n) ? LoadFromAssemblyName(name) : null;
        Default.Resolving += _defaultResolving;
    }

    public void DetachFromDefault()
    {
        if (_defaultResolving is null) return;
        Default.Resolving -= _defaultResolving;
        _defaultResolving = null;
    }

    protected override Assembly? Load(AssemblyName name)
    {
        if (name.Name is null || PlatformHas(name)) return null;
        var path = PathOf(name.Name);
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    private string PathOf(string name) => Path.Combine(_directory, name + ".dll");

    private bool PlatformHas(AssemblyName name)
    {
        if (!_platform.TryGetValue(name.Name!, out var path)) return false;
        try
        {
            return name.Version is null || AssemblyName.GetAssemblyName(path).Version >= name.Version;
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static Dictionary<string, string> PlatformAssemblies()
    {
        var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
            foreach (var path in list.Split(Path.PathSeparator))
                if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) found[Path.GetFileNameWithoutExtension(path)] = path;
        return found;
    }
}
