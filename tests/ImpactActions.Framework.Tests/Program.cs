using System;
using System.Diagnostics;
using System.IO;
using System.Reflection;

namespace ImpactActions.Framework.Tests;

/// <summary>
/// Without arguments but --results FILE: starts the sandbox, runs each scenario in a fresh process of
/// this runtime (assembly binding is per process), prints the count of checks and writes "passed failed" to FILE.
/// With --scenario NAME: registers the module's loader as Windows PowerShell would on import (after
/// other modules' copies, for others-first) and runs that scenario's checks. Main names no Core type:
/// Core may load only once the loader is registered.
/// </summary>
internal static class Program
{
    private static readonly string[] Scenarios = { "desktop", "others-first", "bounds", "no-resolver" };

    private static int Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "--scenario") return RunScenario(args[1]);
        var results = args.Length == 2 && args[0] == "--results" ? args[1] : null;
        return RunAll(results);
    }

    private static int RunAll(string? resultsPath)
    {
        int passed = 0, failed = 0;
        using (var sandbox = SandboxProcess.Start())
        {
            var runtime = Process.GetCurrentProcess().MainModule!.FileName;
            var self = typeof(Program).Assembly.Location;
            foreach (var scenario in Scenarios)
            {
                Console.WriteLine($"== scenario {scenario} ({Path.GetFileName(runtime)})");
                var start = new ProcessStartInfo(runtime, $"\"{self}\" --scenario {scenario}") { UseShellExecute = false, RedirectStandardOutput = true };
                start.EnvironmentVariables[SandboxProcess.Variable] = sandbox.Json;
                using var child = Process.Start(start)!;
                int childPassed = 0, childFailed = 0;
                string? line;
                while ((line = child.StandardOutput.ReadLine()) is not null)
                {
                    Console.WriteLine(line);
                    if (line.StartsWith("PASS ", StringComparison.Ordinal)) childPassed++;
                    if (line.StartsWith("FAIL ", StringComparison.Ordinal)) childFailed++;
                }
                child.WaitForExit();
                if (child.ExitCode != 0 && childFailed == 0 || childPassed + childFailed == 0)
                {
                    Console.WriteLine($"FAIL scenario {scenario}: the process ended with exit code {child.ExitCode} and no failed check");
                    childFailed++;
                }
                passed += childPassed;
                failed += childFailed;
            }
        }
        // Not the "N passed, N failed" form: .ci/run adds these to its own closing line.
        Console.WriteLine($"Mono host: {passed} checks passed, {failed} failed");
        if (resultsPath is not null) File.WriteAllText(resultsPath, $"{passed} {failed}\n");
        return failed == 0 ? 0 : 1;
    }

    private static int RunScenario(string scenario)
    {
        var harness = new Harness();
        if (scenario == "others-first")
        {
            // What Az.Accounts, a SecretManagement vault or another module leaves loaded before ours.
            foreach (var key in new[] { "OtherAsyncInterfaces", "OtherSystemMemory", "OtherPolly" }) Assembly.LoadFrom(Paths.Of(key));
        }
        if (scenario == "no-resolver") return LoadingChecks.RunWithoutResolver(harness);
        // Every request AssemblyResolve sees, and what the module's handler (attached after this one) answered.
        var consulted = new System.Collections.Generic.List<string>();
        AppDomain.CurrentDomain.AssemblyResolve += (_, args) =>
        {
            lock (consulted) consulted.Add(new AssemblyName(args.Name).Name ?? args.Name);
            return null;
        };
        var loader = ModuleLoader.Register();
        LoadingChecks.Consulted = consulted;
        switch (scenario)
        {
            case "desktop":
                LoadingChecks.Run(harness, othersFirst: false);
                CoreChecks.Run(harness, SandboxProcess.FromEnvironment());
                LoadingChecks.RunAfterUse(harness);
                break;
            case "others-first":
                LoadingChecks.Run(harness, othersFirst: true);
                CoreChecks.RunListReadWriteWait(harness, SandboxProcess.FromEnvironment());
                LoadingChecks.RunAfterUse(harness);
                break;
            case "bounds":
                ResolverBoundsChecks.Run(harness, loader);
                break;
            default:
                Console.WriteLine("FAIL scenario " + scenario + ": no such scenario");
                return 2;
        }
        return harness.Failed == 0 ? 0 : 1;
    }
}
