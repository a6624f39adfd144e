using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Json;
using ImpactActions.Core.Records;

namespace ImpactActions.Benchmarks;

/// <summary>Parse speed of one list page: Core's record parser against Utf8JsonReader reading the same bytes and building nothing.</summary>
public static class JsonBenchmark
{
    public sealed record Result(int Records, long Bytes, double CoreMBps, double ReaderMBps);

    public static async Task<Result> RunAsync(SandboxProcess sandbox, int pageSize, int repeats)
    {
        using var http = new HttpClient { BaseAddress = sandbox.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sandbox.AccountSid}:{sandbox.AuthToken}")));
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var bytes = await http.GetByteArrayAsync($"/Advertisers/{sandbox.AccountSid}/Actions?CampaignId=1000&StartDate=2026-05-01T12%3A00%3A00Z&EndDate=2026-06-15T12%3A00%3A00Z&PageSize={pageSize}");

        var core = new List<double>();
        var reader = new List<double>();
        var records = 0;
        for (var i = 0; i < repeats + 1; i++)
        {
            Collect();
            var timer = Stopwatch.StartNew();
            records = await ParseAsync(bytes);
            var coreSeconds = timer.Elapsed.TotalSeconds;
            Collect();
            timer.Restart();
            var tokens = ReadTokens(bytes);
            var readerSeconds = timer.Elapsed.TotalSeconds;
            if (tokens == 0 || records == 0) throw new InvalidOperationException("Nothing was parsed.");
            if (i == 0) continue; // the first round warms up the JIT
            core.Add(bytes.Length / coreSeconds / (1024 * 1024));
            reader.Add(bytes.Length / readerSeconds / (1024 * 1024));
        }
        return new Result(records, bytes.Length, Measure.Median(core), Measure.Median(reader));
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static async Task<int> ParseAsync(byte[] bytes)
    {
        using var parser = new PageStreamParser<ImpactAction>(new MemoryStream(bytes), "Actions", RecordMaps.Action, () => new ImpactAction());
        var batch = new List<ImpactAction>();
        var count = 0;
        while (await parser.ReadAsync(batch, CancellationToken.None))
        {
            count += batch.Count;
            batch.Clear();
        }
        return count;
    }

    private static long ReadTokens(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes);
        long tokens = 0;
        while (reader.Read()) tokens++;
        return tokens;
    }
}
