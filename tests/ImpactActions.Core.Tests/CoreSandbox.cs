using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ImpactActions.Core.Connection;
using ImpactActions.Core.Http;
using ImpactActions.Core.Logging;
using ImpactActions.Sandbox;
using ImpactActions.Sandbox.Data;

namespace ImpactActions.Core.Tests;

/// <summary>A sandbox in this process on a loopback port, and a Core connection to it over real HTTP.</summary>
public sealed class CoreSandbox : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private CoreSandbox(SandboxHost host, ImpactConnection connection)
    {
        Host = host;
        Connection = connection;
    }

    public SandboxHost Host { get; }
    public ImpactConnection Connection { get; }
    public CapturingLog Log { get; } = new();

    public static async Task<CoreSandbox> StartAsync(int actions = 400, int spanDays = 60, Action<SandboxOptions>? configure = null,
        Action<ConnectionSettings>? connect = null, Func<string, string?>? environment = null)
    {
        var options = new SandboxOptions
        {
            Port = 0,
            Data = new DataOptions { Actions = actions, SpanDays = spanDays, Seed = 7, Now = Now },
            Behaviour = new BehaviourOptions { ProcessingDelay = TimeSpan.Zero },
        };
        configure?.Invoke(options);
        var host = await SandboxHost.StartAsync(options);
        // A new sandbox is a new API: nothing this process learnt of an earlier one at the same port applies to it.
        AccountState.Forget(host.BaseUri, host.AccountSid);
        var settings = new ConnectionSettings
        {
            AccountSid = host.AccountSid,
            AuthToken = Secret(host.AuthToken),
            BaseUri = host.BaseUri,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryDelay = TimeSpan.FromMilliseconds(200),
            MaxRetries = 8,
            RequestTimeout = TimeSpan.FromSeconds(20),
        };
        connect?.Invoke(settings);
        return new CoreSandbox(host, ImpactConnection.Open(settings, environment ?? (_ => null)));
    }

    public static System.Security.SecureString Secret(string text)
    {
        var secret = new System.Security.SecureString();
        foreach (var c in text) secret.AppendChar(c);
        return secret;
    }

    public ImpactApiClient Client() => new(Connection, Log);

    /// <summary>The sandbox's clock as Core should see it.</summary>
    public DateTimeOffset Clock() => Host.Clock.Now;

    public ActionRecord Modifiable(int skip = 0, Func<ActionRecord, bool>? where = null) =>
        Host.Store.All().Where(a => !a.IsLockedAt(Host.Clock.Now) && a.State != ActionState.REVERSED && (where?.Invoke(a) ?? true)).Skip(skip).First();

    public async ValueTask DisposeAsync()
    {
        Connection.Dispose();
        await Host.DisposeAsync();
    }
}

/// <summary>Every line Core logged, to search for what must (not) be there.</summary>
public sealed class CapturingLog : IImpactLog
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToList();

    public void Verbose(string message) => _lines.Enqueue("VERBOSE " + message);

    public void Debug(string message) => _lines.Enqueue("DEBUG " + message);

    public void Warning(string message) => _lines.Enqueue("WARNING " + message);
}

public static class AsyncEnumerableExtensions
{
    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> source, int? take = null)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
            if (take is { } t && list.Count >= t) break;
        }
        return list;
    }
}
