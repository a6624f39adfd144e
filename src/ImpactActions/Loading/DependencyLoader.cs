using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace ImpactActions.Loading;

/// <summary>
/// Loads ImpactActions.Core and its dependencies (Polly, System.Text.Json, …) from the module's
/// Dependencies folder. On PowerShell 7 they go into an AssemblyLoadContext of their own, so another
/// module's Polly (or a newer System.Text.Json) cannot clash with ours; on Windows PowerShell, which has
/// no load contexts, they are resolved from that folder. netstandard2.0 cannot name
/// AssemblyLoadContext, so it is reached through reflection (its public constructor exists since .NET Core 3.0).
/// Uses no PowerShell type, so a test can run it.
/// </summary>
public static class DependencyLoader
{
    public const string ContextName = "ImpactActions";
    private const string CoreName = "ImpactActions.Core";
    private static readonly object Gate = new();
    private static string? _directory;
    private static object? _context;
    private static MethodInfo? _loadFromPath;

    /// <summary>The load context the dependencies go into (null on .NET Framework).</summary>
    public static object? Context => _context;

    /// <summary>Registers the resolvers once per process; later calls with the same folder do nothing.</summary>
    public static void Register(string dependencyDirectory)
    {
        lock (Gate)
        {
            if (_directory is not null) return;
            _directory = dependencyDirectory;
            var contextType = Type.GetType("System.Runtime.Loader.AssemblyLoadContext, System.Runtime.Loader")
                              ?? Type.GetType("System.Runtime.Loader.AssemblyLoadContext");
            if (contextType is null || contextType.GetConstructor(new[] { typeof(string), typeof(bool) }) is null)
            {
                AppDomain.CurrentDomain.AssemblyResolve += ResolveOnFramework;
                return;
            }

            _context = Activator.CreateInstance(contextType, ContextName, false)!;
            _loadFromPath = contextType.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) })!;
            var resolving = contextType.GetEvent("Resolving")!;
            // Core's own references (Polly, …) that the default context does not have come from the folder, into this context.
            resolving.AddEventHandler(_context, Delegate.CreateDelegate(resolving.EventHandlerType!, typeof(DependencyLoader).GetMethod(nameof(ResolveInContext), BindingFlags.NonPublic | BindingFlags.Static)!));
            // The cmdlets' reference to Core, which nothing else resolves, is answered with the isolated copy.
            var defaultContext = contextType.GetProperty("Default", BindingFlags.Public | BindingFlags.Static)!.GetValue(null);
            resolving.AddEventHandler(defaultContext, Delegate.CreateDelegate(resolving.EventHandlerType!, typeof(DependencyLoader).GetMethod(nameof(ResolveCoreFromDefault), BindingFlags.NonPublic | BindingFlags.Static)!));
        }
    }

    private static Assembly? ResolveCoreFromDefault(object context, AssemblyName name) =>
        name.Name == CoreName ? LoadIsolated(name) : null;

    private static Assembly? ResolveInContext(object context, AssemblyName name) => LoadIsolated(name);

    private static Assembly? LoadIsolated(AssemblyName name)
    {
        var path = PathOf(name);
        return path is null ? null : (Assembly)_loadFromPath!.Invoke(_context, new object[] { path })!;
    }

    private static Assembly? ResolveOnFramework(object? sender, ResolveEventArgs args)
    {
        var name = new AssemblyName(args.Name);
        var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == name.Name);
        if (loaded is not null) return loaded;
        var path = PathOf(name);
        return path is null ? null : Assembly.LoadFrom(path);
    }

    private static string? PathOf(AssemblyName name)
    {
        if (_directory is null || string.IsNullOrEmpty(name.Name)) return null;
        var path = Path.Combine(_directory, name.Name + ".dll");
        return File.Exists(path) ? path : null;
    }
}
