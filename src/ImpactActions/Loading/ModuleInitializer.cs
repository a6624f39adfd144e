using System.IO;
using System.Management.Automation;

namespace ImpactActions.Loading;

/// <summary>Runs when the module is imported, before any cmdlet: points the loader at the Dependencies folder.</summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    public const string DependencyFolder = "Dependencies";

    public void OnImport() =>
        DependencyLoader.Register(Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!, DependencyFolder));
}
