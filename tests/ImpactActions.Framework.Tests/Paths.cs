using System.IO;
using System.Linq;
using System.Reflection;

namespace ImpactActions.Framework.Tests;

/// <summary>Where the build put what the host loads, from the attributes the project file writes.</summary>
internal static class Paths
{
    public static string Of(string key) =>
        typeof(Paths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value;

    public static string ModuleDirectory => Path.GetFullPath(Of("ModuleDirectory"));

    public static string Dependencies => Path.Combine(ModuleDirectory, "Dependencies");

    public static string Dependency(string name) => Path.Combine(Dependencies, name + ".dll");
}
