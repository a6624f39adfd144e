using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Submissions;

namespace ImpactActions.Core.Writing;

/// <summary>
/// The -Wait join: rows' results are held, in order, until their submissions have been waited for, then
/// handed back as Applied or Failed (or Queued with an error saying why not). Whatever the status checks
/// meet, every held row comes out: a failing status endpoint leaves a row Queued with its error, never
/// an exception that loses the results. Every submission's end is passed on, to be journalled.
/// </summary>
internal sealed class WaitJoin
{
    private readonly SubmissionWaiter _waiter;
    private readonly Action<SubmissionWaitResult> _seen;
    private readonly Func<string, CancellationToken, Task<IReadOnlyCollection<string>>> _skusOf;
    private readonly List<RowResult> _held = new();

    /// <param name="waiter">Reads the submissions.</param>
    /// <param name="seen">Told of every submission's end, to journal it.</param>
    /// <param name="skusOf">The Skus an action has, to name the one that failed a request.</param>
    public WaitJoin(SubmissionWaiter waiter, Action<SubmissionWaitResult> seen, Func<string, CancellationToken, Task<IReadOnlyCollection<string>>> skusOf)
    {
        _waiter = waiter;
        _seen = seen;
        _skusOf = skusOf;
    }

    public int Held => _held.Count;

    public void Hold(RowResult result) => _held.Add(result);

    /// <summary>Waits for every held row's submission (rows a journal skipped too: their submission may have failed) and hands the rows back in order.</summary>
    public async Task<IReadOnlyList<RowResult>> FlushAsync(TimeSpan timeout, Action<int, int> progress, CancellationToken cancellation)
    {
        if (_held.Count == 0) return Array.Empty<RowResult>();
        var batchIds = _held.Where(r => r.BatchId is not null && r.State is RowStatus.Queued or RowStatus.Skipped)
            .Select(r => r.BatchId!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        _waiter.Progress = progress;
        var waited = batchIds.Count == 0
            ? new Dictionary<string, SubmissionWaitResult>(StringComparer.OrdinalIgnoreCase)
            : (await _waiter.WaitAsync(batchIds, timeout, cancellation).ConfigureAwait(false)).ToDictionary(w => w.BatchId, StringComparer.OrdinalIgnoreCase);
        foreach (var w in waited.Values) _seen(w);
        var held = _held.Select(row => row.BatchId is not null && waited.TryGetValue(row.BatchId, out var w) ? row.AfterWait(w) : row).ToList();
        _held.Clear();
        return await NameMissingSkusAsync(held, waited, cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// SKU_NOT_FOUND fails every row of its request (the API applies one all or nothing) and names no Sku: the
    /// action's items are read once to say which Sku it was, and each other row of the request is told why it failed too.
    /// </summary>
    private async Task<List<RowResult>> NameMissingSkusAsync(List<RowResult> rows, Dictionary<string, SubmissionWaitResult> waited, CancellationToken cancellation)
    {
        foreach (var group in rows.Where(r => r.ErrorId == Errors.ErrorKinds.SubmissionFailed.Id && r.BatchId is not null && r.ActionId is not null && r.Sku is not null)
                     .GroupBy(r => r.BatchId!, StringComparer.OrdinalIgnoreCase).ToList())
        {
            if (!waited.TryGetValue(group.Key, out var result) || result.Submission?.ErrorReason?.IndexOf("SKU_NOT_FOUND", StringComparison.Ordinal) is null or < 0) continue;
            IReadOnlyCollection<string> skus;
            try
            {
                skus = await _skusOf(group.First().ActionId!, cancellation).ConfigureAwait(false);
            }
            catch (Exception e) when (e is Http.ImpactApiException or ImpactResponseException or Paging.ImpactNotFoundException)
            {
                continue;
            }
            var missing = group.Where(r => !skus.Contains(r.Sku!)).ToList();
            if (missing.Count == 0) continue;
            var named = string.Join(", ", missing.Select(r => $"Sku '{r.Sku}' (row {r.Row})"));
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                if (!group.Contains(row)) continue;
                rows[i] = row with
                {
                    Field = "Sku",
                    Message = missing.Contains(row)
                        ? $"Sku '{row.Sku}' is not an item of action {row.ActionId}: submission {row.BatchId} failed with {result.Message}; nothing of it was applied."
                        : $"Submission {row.BatchId} was not applied, because the request also held {named}, which action {row.ActionId} does not have ({result.Message}), and the API applies a request all or nothing; this row's change was not applied either.",
                };
            }
        }
        return rows;
    }
}
