using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace ImpactActions.Loading;

/// <summary>
/// PowerShell 7's home for the module's dependencies. <see cref="Load"/> is asked first for every
/// assembly Core and its dependencies reference, before the default context is consulted, so a Polly
/// another module put in the default context is never bound to ours. An assembly the runtime itself
/// carries (its trusted platform assemblies) at the version asked for or newer is left to it:
/// System.Memory, System.Text.Json and the like are then the one copy PowerShell and the framework use,
/// not the netstandard2.0 builds in Dependencies/, which exist for Windows PowerShell.
/// The module's own files are looked for first in Dependencies/net8.0/&lt;rid&gt; (ReadyToRun images of Core for
/// this operating system and processor, which the package carries for the runtime identifiers it was built
/// for), then in Dependencies/net8.0 (Core's net8.0 IL build and its Polly), then in Dependencies/ itself.
/// An image the runtime cannot use (another major version of .NET) still carries its IL, which is then compiled
/// just in time, as the IL build's would be.
/// </summary>
/// <remarks>
/// The cmdlet assembly is in the default context (PowerShell loads it there). Of what it references,
/// the default context finds nothing for Core; its Resolving event answers with this context's copy,
/// so cmdlets and Core share one set of types.
/// </remarks>
internal sealed class ModuleLoadContext : AssemblyLoadContext
{
    /// <summary>The folder of Core's net8.0 build inside Dependencies/.</summary>
    public const string Net8Folder = "net8.0";

    private readonly string[] _directories;
    private readonly Dictionary<string, string> _platform;
    private Func<AssemblyLoadContext, AssemblyName, Assembly?>? _defaultResolving;

    public ModuleLoadContext(string directory)
        : this(directory, Environment.Version.Major, PortableRuntimeIdentifier())
    {
    }

    internal ModuleLoadContext(string directory, int runtimeMajor, string? runtimeIdentifier)
    {
        _directories = SearchOrder(directory, runtimeMajor, runtimeIdentifier);
        _platform = PlatformAssemblies();
    }

    /// <summary>Where the module's files are looked for, first first: only folders that exist.</summary>
    internal static string[] SearchOrder(string directory, int runtimeMajor, string? runtimeIdentifier)
    {
        var order = new List<string>();
        if (runtimeMajor >= 8)
        {
            var net8 = Path.Combine(directory, Net8Folder);
            if (runtimeIdentifier is not null) order.Add(Path.Combine(net8, runtimeIdentifier));
            order.Add(net8);
        }
        order.Add(directory);
        return order.FindAll(System.IO.Directory.Exists).ToArray() is { Length: > 0 } found ? found : new[] { directory };
    }

    /// <summary>
    /// This process's portable runtime identifier (win-x64, linux-arm64, osx-arm64, …): the names the package's
    /// ReadyToRun folders have. Alpine's musl needs no other code than glibc's, so linux-musl-x64 is linux-x64 here.
    /// </summary>
    internal static string? PortableRuntimeIdentifier()
    {
        var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win"
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx"
            : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? "linux"
            : null;
        var architecture = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "x64",
            Architecture.X86 => "x86",
            Architecture.Arm64 => "arm64",
            Architecture.Arm => "arm",
            _ => null,
        };
        return os is null || architecture is null ? null : os + "-" + architecture;
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

    /// <summary>The module's file for an assembly name: the first folder of the search order that has one.</summary>
    internal string PathOf(string name)
    {
        foreach (var directory in _directories)
        {
            var path = Path.Combine(directory, name + ".dll");
            if (File.Exists(path)) return path;
        }
        return Path.Combine(_directories[_directories.Length - 1], name + ".dll");
    }

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
