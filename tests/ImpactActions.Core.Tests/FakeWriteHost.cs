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

    /// <summary>When <see cref="Send"/> is false: -WhatIf (later rows build on the rehearsed change) rather than a "no" to -Confirm.</summary>
    public bool Rehearses { get; set; }

    /// <summary>Answers to give first, one per question, before <see cref="Send"/> and <see cref="Rehearses"/> answer the rest.</summary>
    public Queue<SendDecision> Answers { get; } = new();

    public Task<SendDecision> ShouldSendAsync(string target, string operation)
    {
        Asked.Add(target + ": " + operation);
        if (Answers.Count > 0) return Task.FromResult(Answers.Dequeue());
        return Task.FromResult(Send ? SendDecision.Send : Rehearses ? SendDecision.Rehearse : SendDecision.Decline);
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
