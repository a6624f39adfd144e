using System;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace ImpactActions.Loading;

/// <summary>
/// Makes ImpactActions.Core and its dependencies (Polly, Microsoft.Bcl.*, …) load from the module's
/// Dependencies folder. On PowerShell 7 they go into <see cref="ModuleLoadContext"/>, so another
/// module's Polly, in the default context or its own, never meets ours. On Windows PowerShell, which
/// has no load contexts, an AssemblyResolve handler answers a failed load of one of the module's own
/// dependencies (by name, <see cref="DependencyCatalog"/>) with the module's file, and only when that
/// file's version is the one asked for or newer: never another name, never a copy someone else
/// loaded. The handlers are attached on import and detached when the module is removed. Uses no
/// PowerShell type, so a test can run it in a plain process.
/// </summary>
public static class DependencyLoader
{
    private static readonly object Gate = new();
    private static readonly ResolveEventHandler FrameworkHandler = ResolveOnFramework;
    private static DependencyCatalog? _catalog;
    private static bool _attached;

    /// <summary>The context the dependencies load into on .NET (null until registered, and on .NET Framework).</summary>
    public static object? Context { get; private set; }

    /// <summary>Whether the resolvers are attached now (between an import and the module's removal).</summary>
    public static bool IsRegistered
    {
        get { lock (Gate) return _attached; }
    }

    /// <summary>
    /// Attaches the resolvers; a second call while attached does nothing (Import-Module -Force, a second copy).
    /// The first directory of the process stays: Core is loaded once per process and cannot be unloaded.
    /// </summary>
    public static void Register(string dependencyDirectory)
    {
        lock (Gate)
        {
            if (_attached) return;
            _catalog ??= DependencyCatalog.Read(dependencyDirectory);
            if (RunsOnDotNetFramework) AppDomain.CurrentDomain.AssemblyResolve += FrameworkHandler;
            else AttachLoadContext(_catalog);
            _attached = true;
        }
    }

    /// <summary>Detaches the resolvers (Remove-Module). What is loaded stays loaded.</summary>
    public static void Unregister()
    {
        lock (Gate)
        {
            if (!_attached) return;
            if (RunsOnDotNetFramework) AppDomain.CurrentDomain.AssemblyResolve -= FrameworkHandler;
            else DetachLoadContext();
            _attached = false;
        }
    }

    /// <summary>.NET Framework and Mono, whose core library is mscorlib: no AssemblyLoadContext to isolate with.</summary>
    private static bool RunsOnDotNetFramework => typeof(object).Assembly.GetName().Name == "mscorlib";

    // Kept out of Register's body: on .NET Framework the JIT must never see an AssemblyLoadContext type.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AttachLoadContext(DependencyCatalog catalog)
    {
        var referenced = typeof(DependencyLoader).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToArray();
        var context = (ModuleLoadContext?)Context ?? new ModuleLoadContext(catalog.Directory);
        context.AttachToDefault(referenced);
        Context = context;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DetachLoadContext() => ((ModuleLoadContext?)Context)?.DetachFromDefault();

    private static Assembly? ResolveOnFramework(object? sender, ResolveEventArgs args)
    {
        var path = _catalog?.FileFor(new AssemblyName(args.Name));
        return path is null ? null : Assembly.LoadFrom(path);
    }
}
