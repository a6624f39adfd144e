using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace ImpactActions.Loading;

/// <summary>
/// Makes ImpactActions.Core and its dependencies (Polly, Microsoft.Bcl.*, …) load from the module's
/// Dependencies folder. On PowerShell 7 they go into <see cref="ModuleLoadContext"/>, so another
/// module's Polly, in the default context or its own, never meets ours; on Windows PowerShell, which
/// has no load contexts, AssemblyResolve answers from the same folder. Uses no PowerShell type, so a
/// test can run it in a plain .NET process.
/// </summary>
public static class DependencyLoader
{
    private static readonly object Gate = new();
    private static string? _directory;

    /// <summary>The context the dependencies load into on .NET (null until registered, and on .NET Framework).</summary>
    public static object? Context { get; private set; }

    /// <summary>Registers the resolvers once per process; later calls do nothing (Import-Module -Force, a second import).</summary>
    public static void Register(string dependencyDirectory)
    {
        lock (Gate)
        {
            if (_directory is not null) return;
            _directory = dependencyDirectory;
            if (RunsOnDotNetFramework) AppDomain.CurrentDomain.AssemblyResolve += ResolveOnFramework;
            else RegisterLoadContext(dependencyDirectory);
        }
    }

    private static bool RunsOnDotNetFramework =>
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

    // Kept out of Register's body: on .NET Framework the JIT must never see an AssemblyLoadContext type.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RegisterLoadContext(string dependencyDirectory)
    {
        var referenced = typeof(DependencyLoader).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToArray();
        Context = ModuleLoadContext.Register(dependencyDirectory, referenced);
    }

    private static Assembly? ResolveOnFramework(object? sender, ResolveEventArgs args)
    {
        var name = new AssemblyName(args.Name);
        var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == name.Name);
        if (loaded is not null) return loaded;
        var path = _directory is null || string.IsNullOrEmpty(name.Name) ? null : Path.Combine(_directory, name.Name + ".dll");
        return path is not null && File.Exists(path) ? Assembly.LoadFrom(path) : null;
    }
}
