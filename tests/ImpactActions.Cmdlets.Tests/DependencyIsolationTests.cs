using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;

namespace ImpactActions.Cmdlets.Tests;

/// <summary>
/// The module's own loader, run from the built assembly in this process, which knows nothing of Core
/// or Polly (this project does not reference them): PowerShell 7's situation, on .NET 10.
/// </summary>
public sealed class DependencyIsolationTests : IClassFixture<ModuleMetadata>
{
    private readonly ModuleMetadata _module;

    public DependencyIsolationTests(ModuleMetadata module) => _module = module;

    [Fact]
    public void Core_and_Polly_load_into_the_modules_own_context_not_the_default_one()
    {
        Assert.DoesNotContain(AssemblyLoadContext.Default.Assemblies, a => a.GetName().Name is "ImpactActions.Core" or "Polly.Core");
        var cmdlets = AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.Combine(_module.ModuleDirectory, "ImpactActions.dll"));
        var loader = cmdlets.GetType("ImpactActions.Loading.DependencyLoader", throwOnError: true)!;
        loader.GetMethod("Register")!.Invoke(null, new object[] { Path.Combine(_module.ModuleDirectory, "Dependencies") });

        // What the runtime does when a cmdlet first touches a Core type.
        var core = AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("ImpactActions.Core"));
        var context = AssemblyLoadContext.GetLoadContext(core)!;
        Assert.Equal("ImpactActions", context.Name);
        Assert.NotSame(AssemblyLoadContext.Default, context);

        // What the runtime does when Core first touches Polly.
        var polly = context.LoadFromAssemblyName(new AssemblyName("Polly.Core"));
        Assert.Same(context, AssemblyLoadContext.GetLoadContext(polly));
        Assert.DoesNotContain(AssemblyLoadContext.Default.Assemblies, a => a.GetName().Name == "Polly.Core");

        // A Core type reached through the cmdlet assembly is the isolated one: one copy, no mismatch.
        var connectionParameter = cmdlets.GetType("ImpactActions.Session.ImpactSession", throwOnError: true)!.GetProperty("Current")!.PropertyType;
        Assert.Same(core, connectionParameter.Assembly);
    }
}
