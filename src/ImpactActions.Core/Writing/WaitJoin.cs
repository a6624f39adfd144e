using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Submissions;

namespace ImpactActions.Core.Writing;

/// <summary>
/// The -Wait join: rows' results are held, in order, until their submissions have been waited for, then
/// handed on as Applied or Failed (or Queued with an error saying why not). Whatever the status checks
/// meet, every held row comes out: a failing status endpoint leaves a row Queued with its error, never
/// an exception that loses the results. Every submission's end is passed on, to be journalled.
/// </summary>
internal sealed class WaitJoin
{
    private readonly SubmissionWaiter _waiter;
    private readonly Action<SubmissionWaitResult> _seen;
    private readonly List<RowResult> _held = new();

    /// <param name="seen">Told of every submission's end, to journal it.</param>
    public WaitJoin(SubmissionWaiter waiter, Action<SubmissionWaitResult> seen)
    {
        _waiter = waiter;
        _seen = seen;
    }

    public int Held => _held.Count;

    public void Hold(RowResult result) => _held.Add(result);

    /// <summary>Waits for every held row's submission (rows a journal skipped too: their submission may have failed) and hands the rows on in order.</summary>
    public async Task FlushAsync(TimeSpan timeout, Action<RowResult> report, Action<int, int> progress, CancellationToken cancellation)
    {
        if (_held.Count == 0) return;
        var batchIds = _held.Where(r => r.BatchId is not null && r.Status is RowStatus.Queued or RowStatus.Skipped)
            .Select(r => r.BatchId!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        _waiter.Progress = progress;
        var waited = batchIds.Count == 0
            ? new Dictionary<string, SubmissionWaitResult>(StringComparer.OrdinalIgnoreCase)
            : (await _waiter.WaitAsync(batchIds, timeout, cancellation).ConfigureAwait(false)).ToDictionary(w => w.BatchId, StringComparer.OrdinalIgnoreCase);
        foreach (var w in waited.Values) _seen(w);
        var held = _held.ToList();
        _held.Clear();
        foreach (var row in held)
            report(row.BatchId is not null && waited.TryGetValue(row.BatchId, out var w) ? row.AfterWait(w) : row);
    }
}
