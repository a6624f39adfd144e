using System;
using System.IO;
using System.Reflection;

namespace ImpactActions.Framework.Tests;

/// <summary>
/// What the Framework resolver answers: its own dependencies by name, with its own file, at the version
/// asked for or older; nothing else; and nothing at all once the module is removed.
/// </summary>
internal static class ResolverBoundsChecks
{
    public static void Run(Harness harness, ModuleLoader loader)
    {
        harness.Run("an own dependency asked for at an older version gets the module's file", () =>
        {
            var older = NameOf("Polly.Core", new Version(7, 0, 0, 0));
            Check.Equal(Paths.Dependency("Polly.Core"), Path.GetFullPath(Assembly.Load(older).Location), "Polly.Core 7.0.0.0 answered with");
        });

        harness.Run("an own dependency asked for at a newer version than the module's is not answered", () =>
            Check.Throws<IOException>(() => Assembly.Load(NameOf("Microsoft.Bcl.AsyncInterfaces", new Version(99, 0, 0, 0))), "Microsoft.Bcl.AsyncInterfaces 99.0.0.0"));

        harness.Run("a name the module does not ship is not answered", () =>
            Check.Throws<IOException>(() => Assembly.Load("Another.Modules.Dependency, Version=1.0.0.0, Culture=neutral, PublicKeyToken=null"), "Another.Modules.Dependency"));

        harness.Run("the resolver is removed with the module and attached again on the next import", () =>
        {
            loader.Unregister();
            Check.True(!loader.IsRegistered, "registered after Unregister");
            var timeProvider = NameOf("Microsoft.Bcl.TimeProvider", AssemblyName.GetAssemblyName(Paths.Dependency("Microsoft.Bcl.TimeProvider")).Version!);
            Check.Throws<IOException>(() => Assembly.Load(timeProvider), "Microsoft.Bcl.TimeProvider after Remove-Module");
            loader.RegisterAgain();
            Check.Equal(Paths.Dependency("Microsoft.Bcl.TimeProvider"), Path.GetFullPath(Assembly.Load(timeProvider).Location), "Microsoft.Bcl.TimeProvider after a new import");
        });
    }

    /// <summary>The module's file's full name at another version: same name, culture and public key token.</summary>
    private static AssemblyName NameOf(string name, Version version)
    {
        var shipped = AssemblyName.GetAssemblyName(Paths.Dependency(name));
        var asked = new AssemblyName(shipped.FullName) { Version = version };
        return asked;
    }
}
