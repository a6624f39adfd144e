using System;
using System.IO;
using System.Reflection;

namespace ImpactActions.Framework.Tests;

/// <summary>
/// The module's DependencyLoader, from the built cmdlet assembly in out/module, called as
/// ModuleInitializer.OnImport and OnRemove call it. (ModuleInitializer itself needs
/// System.Management.Automation, which no Framework-like runtime here has.)
/// </summary>
internal sealed class ModuleLoader
{
    private readonly Type _type;

    private ModuleLoader(Type type) => _type = type;

    public static ModuleLoader Register()
    {
        var cmdlets = Assembly.LoadFrom(Path.Combine(Paths.ModuleDirectory, "ImpactActions.dll"));
        var loader = new ModuleLoader(cmdlets.GetType("ImpactActions.Loading.DependencyLoader", throwOnError: true)!);
        loader.RegisterAgain();
        return loader;
    }

    public void RegisterAgain() => _type.GetMethod("Register")!.Invoke(null, new object[] { Paths.Dependencies });

    public void Unregister() => _type.GetMethod("Unregister")!.Invoke(null, null);

    public bool IsRegistered => (bool)_type.GetProperty("IsRegistered")!.GetValue(null)!;

    /// <summary>The module's AssemblyResolve handler itself, to ask it with a requester of the check's choosing.</summary>
    public Func<ResolveEventArgs, Assembly?> ResolveHandler()
    {
        var method = _type.GetMethod("ResolveOnFramework", BindingFlags.NonPublic | BindingFlags.Static)!;
        return args => (Assembly?)method.Invoke(null, new object?[] { null, args });
    }
}
