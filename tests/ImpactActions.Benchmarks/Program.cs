using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using ImpactActions.Benchmarks;

// dotnet run -c Release --project tests/ImpactActions.Benchmarks -- [--smoke] [--runs N] [--out FILE]
var smoke = args.Contains("--smoke");
var runs = Option("--runs") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : smoke ? 1 : 3;
var output = Option("--out");
// --only listing (listing and JSON) or --only writes (writes, chaos, killed run); both when absent.
var only = Option("--only");
var doListing = only is null or "listing";
var doWrites = only is null or "writes";
string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

var report = new StringBuilder();
var failures = new List<string>();
void Line(string text = "")
{
    Console.WriteLine(text);
    report.AppendLine(text);
}

Line($"# ImpactActions benchmarks ({(smoke ? "smoke size" : "full size")}, {runs} run(s), medians)");
Line();
Line($"Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}; the sandbox runs in its own process.");
Line();

// 1. Listing
var listingActions = smoke ? 20_000 : 1_000_000;
var listingSpan = smoke ? 30 : 230;
int[] sizes = smoke ? new[] { 5_000, 10_000, 20_000 } : new[] { 100_000, 500_000, 1_000_000 };
if (doListing)
using (var sandbox = SandboxProcess.Start("--actions", listingActions.ToString(CultureInfo.InvariantCulture), "--campaigns", "1",
           "--span-days", listingSpan.ToString(CultureInfo.InvariantCulture), "--rate-limit", "100000"))
{
    var rows = await ListingBenchmark.RunAsync(sandbox, sizes, listingSpan, runs);
    Line("## 1. Listing actions (PageSize 20,000)");
    Line();
    Line("| approach | records | wall time | records/s | first record after | peak heap | allocated |");
    Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    foreach (var group in rows.GroupBy(x => (x.Approach, x.Records)))
        Line($"| {group.Key.Approach} | {group.Key.Records:N0} | {Measure.Median(group.Select(x => x.Seconds)):0.00} s | {Measure.Median(group.Select(x => x.RecordsPerSecond)):N0} | {Measure.Median(group.Select(x => x.FirstRecordSeconds)):0.000} s | {Measure.Megabytes(Measure.Median(group.Select(x => x.PeakHeap)))} | {Measure.Megabytes(Measure.Median(group.Select(x => x.Allocated)))} |");
    Line();
    foreach (var size in sizes)
    {
        var core = Measure.Median(rows.Where(x => x.Records == size && x.Approach.StartsWith("Core", StringComparison.Ordinal)).Select(x => x.RecordsPerSecond));
        var naive = Measure.Median(rows.Where(x => x.Records == size && x.Approach.StartsWith("Baseline", StringComparison.Ordinal)).Select(x => x.RecordsPerSecond));
        var transfer = Measure.Median(rows.Where(x => x.Records == size && x.Approach.StartsWith("Transfer", StringComparison.Ordinal)).Select(x => x.RecordsPerSecond));
        Line($"- {size:N0} records: Core is {core / naive:0.0}× the baseline's throughput, at {core / transfer:P0} of what the server delivers.");
    }
    var corePeaks = sizes.Select(size => Measure.Median(rows.Where(x => x.Records == size && x.Approach.StartsWith("Core", StringComparison.Ordinal)).Select(x => x.PeakHeap))).ToArray();
    Line($"- Core's peak heap from {sizes[0]:N0} to {sizes[^1]:N0} records: {string.Join(" → ", corePeaks.Select(p => Measure.Megabytes(p)))}.");
    Line();

    // 2. JSON
    var json = await JsonBenchmark.RunAsync(sandbox, smoke ? 2_000 : 20_000, smoke ? 3 : 7);
    Line($"## 2. Parsing one page ({json.Records:N0} actions, {Measure.Megabytes(json.Bytes)})");
    Line();
    Line("| parser | MB/s |");
    Line("| --- | ---: |");
    Line($"| Core: records built, every field | {json.CoreMBps:N0} |");
    Line($"| Utf8JsonReader: tokens read, nothing built (the limit) | {json.ReaderMBps:N0} |");
    Line();
    Line($"Core reaches {json.CoreMBps / json.ReaderMBps:P0} of the reader's speed.");
    Line();
}

// 3. Writes, 4. chaos, and the killed run
var actions = smoke ? 50 : 2_500;
string[] writeData = { "--actions", smoke ? "600" : "12000", "--campaigns", "1", "--span-days", "25", "--processing-delay-ms", "0" };
// Unpaced runs get an unlimited budget: at the API's 1,000 an hour the client would rightly wait out the hour.
string[] unlimited = { "--rate-limit", "100000000" };
WriteBenchmark.Outcome Median(List<WriteBenchmark.Outcome> outcomes) => outcomes.OrderBy(o => o.Seconds).ElementAt(outcomes.Count / 2);
var plain = new List<WriteBenchmark.Outcome>();
var paced = new List<WriteBenchmark.Outcome>();
var chaos = new List<WriteBenchmark.Outcome>();
var killed = new List<WriteBenchmark.Outcome>();
for (var run = 0; run < (doWrites ? runs : 0); run++)
{
    using (var sandbox = SandboxProcess.Start(writeData.Concat(unlimited).ToArray()))
        plain.Add(await WriteBenchmark.RunAsync(sandbox, await WriteBenchmark.RowsAsync(sandbox, actions)));
    using (var sandbox = SandboxProcess.Start(writeData.Concat(new[] { "--rate-limit", smoke ? "20" : "250", "--rate-window-seconds", "2" }).ToArray()))
        paced.Add(await WriteBenchmark.RunAsync(sandbox, await WriteBenchmark.RowsAsync(sandbox, actions)));
    using (var sandbox = SandboxProcess.Start(writeData.Concat(unlimited).Concat(new[] { "--fault-rate", "0.10", "--fault-seed", (run + 1).ToString(CultureInfo.InvariantCulture), "--slow-ms", "200" }).ToArray()))
        chaos.Add(await WriteBenchmark.RunAsync(sandbox, await WriteBenchmark.RowsAsync(sandbox, actions)));
    using (var sandbox = SandboxProcess.Start(writeData.Concat(unlimited).Concat(new[] { "--fault-rate", "0.10", "--fault-seed", (run + 11).ToString(CultureInfo.InvariantCulture), "--slow-ms", "200" }).ToArray()))
        killed.Add(await WriteBenchmark.RunAsync(sandbox, await WriteBenchmark.RowsAsync(sandbox, actions), killAndRerun: true));
}
if (doWrites)
{
var p = Median(plain);
Line($"## 3. A CSV of {p.Rows:N0} item rows over {p.Actions:N0} actions");
Line();
Line("| measure | figure |");
Line("| --- | ---: |");
Line($"| PUT requests (naive: one per row, {p.Rows:N0}) | {Measure.Median(plain.Select(o => (double)o.Puts)):N0} |");
Line($"| item reads (GET, one per action whose rows leave Quantity to the current one) | {Measure.Median(plain.Select(o => (double)o.Reads)):N0} |");
Line($"| hours of a 1,000-requests-an-hour budget | {Measure.Median(plain.Select(o => (o.Puts + o.Reads) / 1000.0)):0.00} |");
Line($"| wall time | {Measure.Median(plain.Select(o => o.Seconds)):0.0} s |");
Line($"| 429s the client caused with the budget at {(smoke ? 20 : 250)} per 2 s | {Measure.Median(paced.Select(o => (double)o.TooMany)):N0} (max {paced.Max(o => o.TooMany)}) |");
Line($"| wall time under that budget | {Measure.Median(paced.Select(o => o.Seconds)):0.0} s |");
Line();
Line($"## 4. Chaos soak: the same rows with 10 % injected faults");
Line();
Line("| measure | soak | killed halfway, rerun with its journal |");
Line("| --- | ---: | ---: |");
Line($"| rows applied | {Measure.Median(chaos.Select(o => (double)o.Applied)):N0} | {Measure.Median(killed.Select(o => (double)o.Applied)):N0} |");
Line($"| rows lost | {chaos.Max(o => o.Lost)} | {killed.Max(o => o.Lost)} |");
Line($"| deltas applied twice | {chaos.Max(o => o.DeltasTwice)} | {killed.Max(o => o.DeltasTwice)} |");
Line($"| rows reported outcome-unknown | {Measure.Median(chaos.Select(o => (double)o.Unknown)):N0} | {Measure.Median(killed.Select(o => (double)o.Unknown)):N0} |");
Line($"| rows skipped as already accepted | – | {Measure.Median(killed.Select(o => (double)o.Skipped)):N0} |");
Line($"| wall time | {Measure.Median(chaos.Select(o => o.Seconds)):0.0} s | {Measure.Median(killed.Select(o => o.Seconds)):0.0} s |");
Line();
}

// What fails the run: broken behaviour, never slowness.
if (plain.Any(o => o.Puts > o.Actions)) failures.Add("more PUTs than actions");
if (plain.Any(o => o.Reads > o.Actions)) failures.Add("more item reads than actions");
if (plain.Concat(paced).Any(o => o.Applied != o.Rows)) failures.Add("a row without faults was not applied");
if (paced.Any(o => o.TooMany > 0)) failures.Add("the client caused a 429");
if (chaos.Concat(killed).Any(o => o.Lost > 0)) failures.Add("a row was lost");
if (chaos.Concat(killed).Any(o => o.DeltasTwice > 0)) failures.Add("a delta was applied twice");
if (killed.Any(o => o.Applied + o.Unknown < o.Rows)) failures.Add("the rerun left rows unapplied");
Line(failures.Count == 0 ? "All invariants held." : "FAILED: " + string.Join("; ", failures));
if (output is not null) File.WriteAllText(output, report.ToString());
return failures.Count == 0 ? 0 : 1;
