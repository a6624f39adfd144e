using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;

namespace ImpactActions.Cmdlets.Tests;

/// <summary>
/// The module's own loader, run from the built assembly in this process, which knows nothing of Core
/// or Polly (this project does not reference them): PowerShell 7's situation, on .NET 10. Another
/// module has already put a newer Polly.Core in the default context, as a binary module imported
/// before ours would.
/// </summary>
public sealed class DependencyIsolationTests : IClassFixture<ModuleMetadata>
{
    private readonly ModuleMetadata _module;

    public DependencyIsolationTests(ModuleMetadata module) => _module = module;

    [Fact]
    public void Core_and_its_Polly_load_into_the_modules_own_context_even_after_another_Polly()
    {
        Assert.DoesNotContain(AssemblyLoadContext.Default.Assemblies, a => a.GetName().Name is "ImpactActions.Core");
        var otherPollyPath = typeof(DependencyIsolationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "OtherPollyPath").Value!;
        var otherPolly = AssemblyLoadContext.Default.LoadFromAssemblyPath(otherPollyPath);
        // Every Polly.Core 8.x has assembly version 8.0.0.0: only the file tells them apart.
        // On .NET the loader takes Core's net8.0 build and the Polly beside it.
        var shipped = Path.Combine(_module.ModuleDirectory, "Dependencies", "net8.0", "Polly.Core.dll");
        Assert.NotEqual(FileVersion(shipped), FileVersion(otherPolly.Location));

        var cmdlets = AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.Combine(_module.ModuleDirectory, "ImpactActions.dll"));
        var loader = cmdlets.GetType("ImpactActions.Loading.DependencyLoader", throwOnError: true)!;
        loader.GetMethod("Register")!.Invoke(null, new object[] { Path.Combine(_module.ModuleDirectory, "Dependencies") });

        // What the runtime does when a cmdlet first touches a Core type.
        var core = AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("ImpactActions.Core"));
        var context = AssemblyLoadContext.GetLoadContext(core)!;
        Assert.Equal("ModuleLoadContext", context.GetType().Name);
        Assert.Same(context, loader.GetProperty("Context")!.GetValue(null));
        Assert.Equal(Path.Combine(_module.ModuleDirectory, "Dependencies", "net8.0", "ImpactActions.Core.dll"), core.Location);

        // What the runtime does when Core first touches Polly: ours, not the one already in the default context.
        var polly = context.LoadFromAssemblyName(Core(core, "Polly.Core"));
        Assert.Same(context, AssemblyLoadContext.GetLoadContext(polly));
        Assert.Equal(shipped, polly.Location);
        Assert.NotSame(otherPolly, polly);

        // What the framework carries at the version asked for or newer is the framework's, not a netstandard2.0 copy.
        var json = context.LoadFromAssemblyName(Core(core, "System.Text.Json"));
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(json));

        // Core as the cmdlet assembly sees it is Core as its own context sees it: one copy of its types.
        Assert.Same(core, context.LoadFromAssemblyName(new AssemblyName("ImpactActions.Core")));
        // The default context is answered only for what the cmdlets reference: Polly stays the other module's there.
        Assert.Same(otherPolly, AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("Polly.Core")));
    }

    [Fact]
    public void The_load_context_looks_in_net8_rid_then_net8_then_Dependencies_and_only_in_folders_that_exist()
    {
        var cmdlets = AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.Combine(_module.ModuleDirectory, "ImpactActions.dll"));
        var searchOrder = cmdlets.GetType("ImpactActions.Loading.ModuleLoadContext", throwOnError: true)!
            .GetMethod("SearchOrder", BindingFlags.Static | BindingFlags.NonPublic)!;
        string[] Order(string directory, int major, string? rid) => (string[])searchOrder.Invoke(null, new object?[] { directory, major, rid })!;

        var root = Path.Combine(Path.GetTempPath(), "impact-search-" + Guid.NewGuid().ToString("N"));
        var net8 = Path.Combine(root, "net8.0");
        var linux = Path.Combine(net8, "linux-x64");
        Directory.CreateDirectory(linux);
        try
        {
            Assert.Equal(new[] { linux, net8, root }, Order(root, 10, "linux-x64"));
            // No images for this platform in the package: the IL build.
            Assert.Equal(new[] { net8, root }, Order(root, 10, "win-x64"));
            Assert.Equal(new[] { net8, root }, Order(root, 8, null));
            // A runtime older than .NET 8 never takes the net8.0 build.
            Assert.Equal(new[] { root }, Order(root, 6, "linux-x64"));
            Directory.Delete(net8, recursive: true);
            Assert.Equal(new[] { root }, Order(root, 10, "linux-x64"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string? FileVersion(string path) => System.Diagnostics.FileVersionInfo.GetVersionInfo(path).FileVersion;

    private static AssemblyName Core(Assembly core, string name) => core.GetReferencedAssemblies().Single(a => a.Name == name);
}
