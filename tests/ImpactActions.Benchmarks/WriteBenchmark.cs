using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Http;
using ImpactActions.Core.Validation;
using ImpactActions.Core.Writing;

namespace ImpactActions.Benchmarks;

/// <summary>A CSV of item rows through Core: requests spent, 429s caused, and what the ledger says was applied.</summary>
public static class WriteBenchmark
{
    public sealed record Outcome(int Rows, int Actions, int Puts, int Reads, int TooMany, int Applied, int Lost, int DeltasTwice, int Unknown, int Skipped, double Seconds);

    private sealed class Host : IWriteHost
    {
        public readonly ConcurrentQueue<RowResult> Results = new();
        public CancellationTokenSource Kill { get; } = new();
        public int KillAfter { get; init; } = int.MaxValue;

        public Task<SendDecision> ShouldSendAsync(string target, string operation) => Task.FromResult(SendDecision.Send);

        public void Report(RowResult result)
        {
            Results.Enqueue(result);
            if (Results.Count >= KillAfter) Kill.Cancel();
        }

        public void ReportError(RowResult result)
        {
        }

        public void Progress(WriteProgress progress)
        {
        }
    }

    /// <summary>Four rows per action, one per item, alternating an absolute Quantity and a relative Delta.</summary>
    public static async Task<List<ItemChangeInput>> RowsAsync(SandboxProcess sandbox, int actions)
    {
        var found = await sandbox.GetJsonAsync($"/_sandbox/actions?modifiable=true&take=100000");
        var rows = new List<ItemChangeInput>();
        foreach (var action in found.EnumerateArray().Where(a => a.GetProperty("Items").GetArrayLength() >= 4).Take(actions))
            foreach (var item in action.GetProperty("Items").EnumerateArray().Take(4))
            {
                var relative = rows.Count % 2 == 1;
                rows.Add(new ItemChangeInput
                {
                    Row = rows.Count + 1, ActionId = action.GetProperty("Id").GetString(), Sku = item.GetProperty("Sku").GetString(),
                    Quantity = relative ? "" : "0", Delta = relative ? "-1.25" : "",
                });
            }
        if (rows.Count < actions * 4) throw new InvalidOperationException($"Only {rows.Count / 4} actions with four items are modifiable; generate more.");
        return rows;
    }

    public static async Task<Outcome> RunAsync(SandboxProcess sandbox, List<ItemChangeInput> rows, bool killAndRerun = false)
    {
        var before = await sandbox.RequestCountAsync();
        var timer = Stopwatch.StartNew();
        using var connection = sandbox.Connect();
        var journal = killAndRerun ? Path.Combine(Path.GetTempPath(), $"impact-bench-{Guid.NewGuid():N}.jsonl") : null;
        var host = new Host();
        try
        {
            if (killAndRerun)
            {
                var first = new Host { KillAfter = rows.Count / 2 };
                try
                {
                    await SendAsync(connection, first, rows, journal, first.Kill.Token);
                    throw new InvalidOperationException("The run was meant to be killed halfway.");
                }
                catch (OperationCanceledException)
                {
                }
            }
            await SendAsync(connection, host, rows, journal, CancellationToken.None);
        }
        finally
        {
            if (journal is not null) File.Delete(journal);
        }
        var seconds = timer.Elapsed.TotalSeconds;
        await sandbox.DrainAsync();

        var requests = await sandbox.RequestsAsync(before);
        var ledger = await sandbox.GetJsonAsync("/_sandbox/ledger");
        var applied = ledger.EnumerateArray()
            .GroupBy(e => (e.GetProperty("ActionId").GetString(), e.GetProperty("Sku").GetString(), e.GetProperty("Field").GetString()))
            .ToDictionary(g => g.Key, g => g.Count());
        var results = host.Results.ToDictionary(r => r.Row);
        int AppliedCount(ItemChangeInput row) =>
            applied.TryGetValue((row.ActionId, row.Sku, row.Delta is { Length: > 0 } ? "ItemSubTotalDelta" : "Quantity"), out var n) ? n : 0;

        var unknown = results.Values.Count(r => r.State == RowStatus.OutcomeUnknown);
        // Lost: a row without a result, or one reported accepted that the ledger never applied.
        var lost = rows.Count(r => !results.TryGetValue(r.Row, out var result)
                                   || (result.State is RowStatus.Queued or RowStatus.Skipped && AppliedCount(r) == 0));
        return new Outcome(
            rows.Count, rows.Select(r => r.ActionId).Distinct().Count(),
            requests.Count(r => r.Method == "PUT"), requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/Items", StringComparison.Ordinal)),
            requests.Count(r => r.Status == 429 && r.Fault.Length == 0),
            rows.Count(r => AppliedCount(r) >= 1), lost,
            rows.Count(r => r.Delta is { Length: > 0 } && AppliedCount(r) > 1), unknown,
            results.Values.Count(r => r.State == RowStatus.Skipped), seconds);
    }

    private static async Task SendAsync(Core.Connection.ImpactConnection connection, Host host, List<ItemChangeInput> rows, string? journal, CancellationToken cancellation)
    {
        using var run = new ItemChangeRun(new ImpactApiClient(connection), host, journal);
        foreach (var row in rows) await run.AddAsync(row, cancellation);
        await run.CompleteAsync(cancellation);
    }
}
