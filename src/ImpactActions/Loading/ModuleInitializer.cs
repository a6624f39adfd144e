using System.IO;
using System.Management.Automation;

namespace ImpactActions.Loading;

/// <summary>
/// Runs when the module is imported, before any cmdlet: points the loader at the Dependencies folder;
/// and when it is removed, detaches the loader again.
/// PowerShell has already enumerated this assembly's public types by then, so none of them may need
/// a Core type to load (a contract test guards that).
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    public const string DependencyFolder = "Dependencies";

    public void OnImport() =>
        DependencyLoader.Register(Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!, DependencyFolder));

    public void OnRemove(PSModuleInfo psModuleInfo) => DependencyLoader.Unregister();
}
