using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ImpactActions.Sandbox;
using ImpactActions.Sandbox.Data;
using ImpactActions.Sandbox.Ledger;

namespace ImpactActions.Engine.Tests;

/// <summary>A sandbox in this process on a loopback port, and a runspace connected to it.</summary>
public sealed class EngineSandbox : IAsyncLifetime
{
    private int _taken;

    public SandboxHost Host { get; private set; } = null!;
    public PowerShellEngine Engine { get; private set; } = null!;

    /// <summary>The data seed; two sandboxes with different seeds are two accounts.</summary>
    public int Seed { get; init; } = 42;

    public async Task InitializeAsync()
    {
        Host = await StartAsync(Seed);
        Engine = PowerShellEngine.Start();
        Connect(Engine, Host);
    }

    public static Task<SandboxHost> StartAsync(int seed) => SandboxHost.StartAsync(new SandboxOptions
    {
        Port = 0,
        Data = new DataOptions { Actions = 600, SpanDays = 60, Seed = seed },
        Behaviour = new BehaviourOptions { ProcessingDelay = TimeSpan.FromMilliseconds(200) },
    });

    public static void Connect(PowerShellEngine engine, SandboxHost host) =>
        engine.Run("Connect-ImpactAccount -AccountSid $sid -AuthToken ([System.Net.NetworkCredential]::new('', $token).SecurePassword) -BaseUri $uri -MaxRetries 2",
            ("sid", host.AccountSid), ("token", host.AuthToken), ("uri", host.BaseUri)).ThrowIfFailed();

    /// <summary>Actions no other test has taken that the API still lets a client change: tests stay independent.</summary>
    public IReadOnlyList<ActionRecord> TakeModifiable(int count)
    {
        var now = Host.Clock.Now;
        var modifiable = Host.Store.All().Where(a => !a.IsLockedAt(now.AddDays(1)) && a.State != ActionState.REVERSED && a.Items.Count >= 2).ToList();
        lock (this)
        {
            var taken = modifiable.Skip(_taken).Take(count).ToList();
            _taken += count;
            Assert.Equal(count, taken.Count);
            return taken;
        }
    }

    public IReadOnlyList<LedgerEntry> Ledger(string actionId) => Host.Ledger.Entries(actionId);

    /// <summary>Every request hangs for minutes until the result is disposed: a request in flight for Stop() to end.</summary>
    public IDisposable HangRequests()
    {
        var before = Host.Behaviour;
        Host.Behaviour = new BehaviourOptions
        {
            ProcessingDelay = before.ProcessingDelay,
            Faults = new FaultOptions { Slow = 1.0, SlowDelay = TimeSpan.FromMinutes(5) },
        };
        return new Restore(() => Host.Behaviour = before);
    }

    /// <summary>The API requests the rules name fail as they say, until the result is disposed.</summary>
    public IDisposable Faults(params FaultRule[] rules) => Faults(new FaultOptions { Rules = rules });

    /// <summary>As <see cref="Faults(FaultRule[])"/>, a Slow rule holding its request for <paramref name="slowDelay"/>.</summary>
    public IDisposable Faults(TimeSpan slowDelay, params FaultRule[] rules) => Faults(new FaultOptions { Rules = rules, SlowDelay = slowDelay });

    private IDisposable Faults(FaultOptions faults)
    {
        var before = Host.Behaviour;
        Host.Behaviour = new BehaviourOptions { ProcessingDelay = before.ProcessingDelay, Faults = faults };
        return new Restore(() => Host.Behaviour = before);
    }

    private sealed class Restore : IDisposable
    {
        private readonly Action _undo;
        public Restore(Action undo) => _undo = undo;
        public void Dispose() => _undo();
    }

    public Task DrainAsync() => Host.Queue.WhenIdleAsync(TimeSpan.FromSeconds(30), default);

    public async Task DisposeAsync()
    {
        Engine.Dispose();
        await Host.DisposeAsync();
    }
}
