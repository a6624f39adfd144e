using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Writing;

namespace ImpactActions.Core.Tests;

/// <summary>Stands in for a cmdlet: answers ShouldProcess, collects row results, and can pull the plug after N results.</summary>
public sealed class FakeWriteHost : IWriteHost
{
    private readonly ConcurrentQueue<RowResult> _results = new();

    public bool Send { get; set; } = true;
    public List<string> Asked { get; } = new();
    public CancellationTokenSource Kill { get; } = new();
    public int KillAfterResults { get; set; } = int.MaxValue;

    public IReadOnlyList<RowResult> Results => _results.ToList();

    public Task<bool> ShouldSendAsync(string target, string operation)
    {
        Asked.Add(target + ": " + operation);
        return Task.FromResult(Send);
    }

    public void Report(RowResult result)
    {
        _results.Enqueue(result);
        if (_results.Count >= KillAfterResults) Kill.Cancel();
    }

    /// <summary>A row's error: its result, in <see cref="Results"/>, says all a test reads.</summary>
    public void ReportError(RowResult result)
    {
    }

    public void Progress(WriteProgress progress)
    {
    }
}
