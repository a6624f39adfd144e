using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Threading.Tasks;
using ImpactActions.Core.Connection;
using ImpactActions.Core.Http;
using ImpactActions.Core.Paging;

namespace ImpactActions.Framework.Tests;

/// <summary>
/// After the loader is registered, Core and each of its dependencies come from out/module/Dependencies,
/// and this host (standing where the cmdlet assembly stands) binds the same copies as Core does, even
/// when another module's Microsoft.Bcl.AsyncInterfaces, System.Memory and Polly.Core were loaded first.
/// </summary>
internal static class LoadingChecks
{
    /// <summary>The simple names AppDomain.AssemblyResolve was asked for in this scenario (a handler attached before the module's).</summary>
    public static List<string> Consulted { get; set; } = new();

    /// <summary>
    /// Without the module's loader, this host cannot reach Core at all: the resolver, not Mono's probing, is what
    /// brings Core in. (Core's own dependencies then sit beside it, and Mono's LoadFrom context, like .NET
    /// Framework's, probes that folder itself: see the desktop scenario's list of what the resolver was asked.)
    /// </summary>
    public static int RunWithoutResolver(Harness harness)
    {
        harness.Run("without the module's resolver, Core cannot be loaded", () =>
        {
            var e = Check.Throws<Exception>(TouchCore, "a Core type without the resolver");
            Check.True(e is FileNotFoundException or FileLoadException or TypeLoadException || e.InnerException is FileNotFoundException or FileLoadException, "the failure: " + e);
        });
        return harness.Failed == 0 ? 0 : 1;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void TouchCore() => _ = typeof(ImpactConnection).Assembly.Location;

    /// <summary>After Core has parsed JSON: System.Text.Json's System.Memory is no older than it asks for.</summary>
    public static void RunAfterUse(Harness harness)
    {
        harness.Run("System.Text.Json binds a System.Memory at least as new as it asks for", () =>
        {
            var json = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "System.Text.Json");
            var asked = json.GetReferencedAssemblies().Single(a => a.Name == "System.Memory").Version!;
            var memory = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "System.Memory").ToList();
            Check.True(memory.Any(m => m.GetName().Version >= asked && Path.GetFullPath(m.Location) == Paths.Dependency("System.Memory")),
                $"System.Memory {asked} from Dependencies among: {string.Join(", ", memory.Select(m => m.GetName().Version + " " + m.Location))}");
        });
    }

    public static void Run(Harness harness, bool othersFirst)
    {
        var suffix = othersFirst ? " (another module's AsyncInterfaces 1.0, System.Memory 4.5.0 and Polly 8.9.1 loaded first)" : "";

        harness.Run("Core loads from the module's Dependencies folder" + suffix, () =>
            Check.Equal(Paths.Dependency("ImpactActions.Core"), Path.GetFullPath(typeof(ImpactConnection).Assembly.Location), "Core's file"));

        harness.Run("AssemblyResolve was asked for Core, and the module's resolver answered it" + suffix, () =>
        {
            List<string> asked;
            lock (Consulted) asked = Consulted.Distinct().ToList();
            Console.WriteLine("     AssemblyResolve was asked for: " + string.Join(", ", asked));
            Check.True(asked.Contains("ImpactActions.Core"), "ImpactActions.Core among " + string.Join(", ", asked));
        });

        harness.Run("Core's Polly is the version Core asks for" + suffix, () =>
        {
            // Every Polly.Core 8.x carries assembly version 8.0.0.0, so on .NET Framework another module's 8.9.1,
            // loaded first, is the same assembly to the runtime and Core binds it; it only has to be the version asked for.
            var pipeline = typeof(ImpactApiClient).GetField("_pipeline", BindingFlags.NonPublic | BindingFlags.Instance)!.FieldType.Assembly;
            var asked = typeof(ImpactApiClient).Assembly.GetReferencedAssemblies().Single(a => a.Name == "Polly.Core").Version;
            Check.Equal(asked, pipeline.GetName().Version, "Polly bound by Core");
            if (!othersFirst) Check.Equal(Paths.Dependency("Polly.Core"), Path.GetFullPath(pipeline.Location), "Polly bound by Core");
        });

        harness.Run("this host and Core bind one IAsyncEnumerable and one ValueTask" + suffix, () =>
        {
            var coreStream = typeof(ActionReader).GetMethod(nameof(ActionReader.ListAsync))!.ReturnType.GetGenericTypeDefinition();
            Check.True(typeof(IAsyncEnumerable<>) == coreStream, $"IAsyncEnumerable: the host's from {typeof(IAsyncEnumerable<>).Assembly.Location}, Core's from {coreStream.Assembly.Location}");
            Check.Equal(Paths.Dependency("Microsoft.Bcl.AsyncInterfaces"), Path.GetFullPath(coreStream.Assembly.Location), "IAsyncEnumerable's file");
            var coreValueTask = typeof(IAsyncEnumerator<>).GetMethod("MoveNextAsync")!.ReturnType.GetGenericTypeDefinition();
            Check.True(typeof(ValueTask<>) == coreValueTask, $"ValueTask: the host's from {typeof(ValueTask<>).Assembly.Location}, AsyncInterfaces' from {coreValueTask.Assembly.Location}");
        });

        if (othersFirst)
        {
            harness.Run("the other module's copies stay loaded, untouched", () =>
            {
                foreach (var key in new[] { "OtherAsyncInterfaces", "OtherSystemMemory", "OtherPolly" })
                {
                    var path = Path.GetFullPath(Paths.Of(key));
                    Check.True(AppDomain.CurrentDomain.GetAssemblies().Any(a => !a.IsDynamic && Path.GetFullPath(a.Location) == path), key + " is still loaded");
                }
            });
        }
    }
}
