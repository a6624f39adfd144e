using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using ImpactActions.Core.Connection;

namespace ImpactActions.Benchmarks;

/// <summary>
/// The sandbox in a process of its own, so that what the benchmark measures in this process is the
/// client alone. Started with --json and port 0; stopped (killed) on dispose.
/// </summary>
public sealed class SandboxProcess : IDisposable
{
    private readonly Process _process;

    private SandboxProcess(Process process, Uri baseUri, string accountSid, string authToken)
    {
        _process = process;
        BaseUri = baseUri;
        AccountSid = accountSid;
        AuthToken = authToken;
        Control = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(10) };
    }

    public Uri BaseUri { get; }
    public string AccountSid { get; }
    public string AuthToken { get; }
    public HttpClient Control { get; }

    public static SandboxProcess Start(params string[] options)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ImpactActions.Sandbox.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { dll, "--port", "0", "--json", "--now", "2026-06-15T12:00:00Z" }.Concat(options)) start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("The sandbox did not start.");
        var line = process.StandardOutput.ReadLine();
        if (line is null)
            throw new InvalidOperationException("The sandbox exited: " + process.StandardError.ReadToEnd());
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        return new SandboxProcess(process, new Uri(root.GetProperty("BaseUri").GetString()!), root.GetProperty("AccountSid").GetString()!,
            root.GetProperty("AuthToken").GetString()!);
    }

    public ImpactConnection Connect(int maxRetries = 8) => ImpactConnection.Open(new ConnectionSettings
    {
        AccountSid = AccountSid,
        AuthToken = Secret(AuthToken),
        BaseUri = BaseUri,
        MaxRetries = maxRetries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryDelay = TimeSpan.FromSeconds(1),
    }, _ => null);

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var text = await Control.GetStringAsync(path);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task PutBehaviourAsync(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        (await Control.PutAsync("/_sandbox/behaviour", content)).EnsureSuccessStatusCode();
    }

    public async Task DrainAsync()
    {
        using var response = await Control.PostAsync("/_sandbox/queue/drain?timeoutSeconds=600", null);
        response.EnsureSuccessStatusCode();
    }

    public async Task<long> RequestCountAsync() => (await GetJsonAsync("/_sandbox/requests?after=999999999")).GetProperty("Count").GetInt64();

    /// <summary>The API requests made after <paramref name="after"/>: (method, status, fault).</summary>
    public async Task<List<(string Method, string Path, int Status, string Fault)>> RequestsAsync(long after)
    {
        var log = await GetJsonAsync($"/_sandbox/requests?after={after}");
        return log.GetProperty("Entries").EnumerateArray()
            .Select(e => (e.GetProperty("Method").GetString()!, e.GetProperty("PathAndQuery").GetString()!, e.GetProperty("StatusCode").GetInt32(), e.GetProperty("Fault").GetString()!)).ToList();
    }

    public static SecureString Secret(string text)
    {
        var secret = new SecureString();
        foreach (var c in text) secret.AppendChar(c);
        return secret;
    }

    public void Dispose()
    {
        Control.Dispose();
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}
