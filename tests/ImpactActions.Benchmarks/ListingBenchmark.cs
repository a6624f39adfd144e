using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using ImpactActions.Core.Http;
using ImpactActions.Core.Paging;

namespace ImpactActions.Benchmarks;

/// <summary>Listing N actions: Core's lazy stream against the page-as-string, DOM, collect-then-emit baseline.</summary>
public static class ListingBenchmark
{
    public sealed record Row(string Approach, int Records, double Seconds, double RecordsPerSecond, double FirstRecordSeconds, double PeakHeap, double Allocated);

    public static async Task<List<Row>> RunAsync(SandboxProcess sandbox, int[] sizes, int spanDays, int runs)
    {
        var rows = new List<Row>();
        var now = new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);
        var query = new ActionQuery { CampaignId = 1000, StartDate = now.AddDays(-spanDays), EndDate = now, PageSize = 20_000 };
        using var connection = sandbox.Connect();
        using var http = new HttpClient { BaseAddress = sandbox.BaseUri, Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sandbox.AccountSid}:{sandbox.AuthToken}")));
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        for (var run = 0; run < runs; run++)
            foreach (var size in sizes)
            {
                rows.Add(await CoreAsync(connection, query, size, () => now));
                rows.Add(await BaselineAsync(http, sandbox.AccountSid, query, size, now));
                rows.Add(await TransferOnlyAsync(http, sandbox.AccountSid, query, size, now));
            }
        return rows;
    }

    private static async Task<Row> CoreAsync(Core.Connection.ImpactConnection connection, ActionQuery query, int size, Func<DateTimeOffset> clock)
    {
        var reader = new ActionReader(new ImpactApiClient(connection), clock);
        using var measure = Measure.Start();
        var count = 0;
        long checksum = 0;
        await foreach (var action in reader.ListAsync(query))
        {
            measure.MarkFirstRecord();
            checksum += action.Id!.Length;
            if (++count == size) break;
        }
        var (elapsed, allocated, peak) = measure.Stop();
        if (count != size) throw new InvalidOperationException($"Core listed {count} of {size} actions.");
        return new Row("Core stream", count, elapsed.TotalSeconds, count / elapsed.TotalSeconds, measure.FirstRecord!.Value.TotalSeconds, peak, allocated);
    }

    /// <summary>What a user scripts: every page as a string, parsed to a DOM, every record kept, then emitted.</summary>
    private static async Task<Row> BaselineAsync(HttpClient http, string sid, ActionQuery query, int size, DateTimeOffset now)
    {
        using var measure = Measure.Start();
        var collected = new List<JsonNode>();
        foreach (var window in DateWindowPlanner.Plan("StartDate", query.StartDate!.Value, query.EndDate, now, false))
        {
            string? next = $"/Advertisers/{sid}/Actions?CampaignId={query.CampaignId}&StartDate={Date(window.Start)}&EndDate={Date(window.End)}&PageSize={query.PageSize}";
            while (!string.IsNullOrEmpty(next) && collected.Count < size)
            {
                var text = await http.GetStringAsync(next);
                var page = JsonNode.Parse(text)!;
                foreach (var action in page["Actions"]!.AsArray())
                {
                    collected.Add(action!);
                    if (collected.Count == size) break;
                }
                next = page["@nextpageuri"]?.GetValue<string>();
            }
            if (collected.Count >= size) break;
        }
        long checksum = 0;
        foreach (var action in collected)
        {
            measure.MarkFirstRecord();
            checksum += action["Id"]!.GetValue<string>().Length;
        }
        var (elapsed, allocated, peak) = measure.Stop();
        if (collected.Count != size) throw new InvalidOperationException($"The baseline listed {collected.Count} of {size} actions.");
        GC.KeepAlive(collected);
        return new Row("Baseline (string, DOM, collect)", collected.Count, elapsed.TotalSeconds, collected.Count / elapsed.TotalSeconds,
            measure.FirstRecord!.Value.TotalSeconds, peak, allocated);
    }

    /// <summary>
    /// The same pages read as bytes and thrown away: what the server and loopback deliver, the ceiling
    /// for any client. Pages are read whole, so it reads up to a page more than the records asked for.
    /// </summary>
    private static async Task<Row> TransferOnlyAsync(HttpClient http, string sid, ActionQuery query, int size, DateTimeOffset now)
    {
        using var measure = Measure.Start();
        var buffer = new byte[64 * 1024];
        long records = 0;
        foreach (var window in DateWindowPlanner.Plan("StartDate", query.StartDate!.Value, query.EndDate, now, false))
        {
            for (var page = 1; records < size; page++)
            {
                var target = $"/Advertisers/{sid}/Actions?CampaignId={query.CampaignId}&StartDate={Date(window.Start)}&EndDate={Date(window.End)}&PageSize={query.PageSize}&Page={page}";
                using var response = await http.GetAsync(target, HttpCompletionOption.ResponseHeadersRead);
                using var stream = await response.Content.ReadAsStreamAsync();
                long bytes = 0;
                int read;
                while ((read = await stream.ReadAsync(buffer)) > 0)
                {
                    measure.MarkFirstRecord();
                    bytes += read;
                }
                // An empty page is about 700 bytes of envelope; each action about 1 KB.
                var onPage = bytes > 2_000 ? query.PageSize!.Value : 0;
                if (onPage == 0) break;
                records += onPage;
            }
            if (records >= size) break;
        }
        var (elapsed, allocated, peak) = measure.Stop();
        return new Row("Transfer only (bytes, nothing parsed)", size, elapsed.TotalSeconds, size / elapsed.TotalSeconds, measure.FirstRecord!.Value.TotalSeconds, peak, allocated);
    }

    private static string Date(DateTimeOffset value) =>
        Uri.EscapeDataString(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
