using System;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ImpactActions.Framework.Tests;

/// <summary>
/// The sandbox (net10, ASP.NET) in a process of its own, which the Mono scenarios talk to over HTTP.
/// Its --json line is handed to each scenario process in an environment variable.
/// </summary>
internal sealed class SandboxProcess : IDisposable
{
    public const string Variable = "IMPACTACTIONS_TEST_SANDBOX";

    private readonly Process? _process;

    private SandboxProcess(Process? process, string json)
    {
        _process = process;
        Json = json;
        BaseUri = new Uri(Field(json, "BaseUri"));
        AccountSid = Field(json, "AccountSid");
        AuthToken = Field(json, "AuthToken");
    }

    public string Json { get; }
    public Uri BaseUri { get; }
    public string AccountSid { get; }
    public string AuthToken { get; }

    public static SandboxProcess Start()
    {
        var start = new ProcessStartInfo("dotnet",
            $"\"{Paths.Of("SandboxPath")}\" --port 0 --json --actions 300 --span-days 30 --processing-delay-ms 200")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("The sandbox did not start.");
        var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The sandbox exited before it said where it listens.");
        return new SandboxProcess(process, line);
    }

    /// <summary>The sandbox a parent process started, in a scenario process.</summary>
    public static SandboxProcess FromEnvironment() =>
        new(null, Environment.GetEnvironmentVariable(Variable) ?? throw new InvalidOperationException(Variable + " is not set: run the host without --scenario."));

    private static string Field(string json, string name) => Regex.Match(json, "\"" + name + "\":\"([^\"]*)\"").Groups[1].Value;

    public void Dispose()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit(10000);
        _process.Dispose();
    }
}
