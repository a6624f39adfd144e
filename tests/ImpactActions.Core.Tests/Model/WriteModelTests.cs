using System;
using System.Globalization;
using System.Threading.Tasks;
using CsCheck;
using Xunit.Abstractions;

namespace ImpactActions.Core.Tests.Model;

/// <summary>
/// The write contract (docs/write-contract.md), checked on random sequences of runs: every row form,
/// repeated items, unknown Skus, malformed rows, -ErrorAction Stop, -Wait, faults, processing delays,
/// runs in one session and in new ones, runs sharing a journal, crashes with the journal's last line cut,
/// reruns. Each case gets a sandbox of its own; the model (<see cref="WriteModel"/>) says what the
/// reports allow, and a counterexample is shrunk and printed with the seed that replays it
/// (<c>CsCheck_Seed=… dotnet test --filter WriteModelTests</c>).
/// </summary>
public sealed class WriteModelTests
{
    private readonly ITestOutputHelper _output;

    public WriteModelTests(ITestOutputHelper output) => _output = output;

    /// <summary>Cases per test run: IMPACT_MODEL_CASES, or a few hundred (./build.ps1 -Task Soak runs thousands).</summary>
    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("IMPACT_MODEL_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 200;

    [Fact]
    public async Task Every_sequence_of_runs_leaves_the_items_its_reports_say()
    {
        var cases = 0;
        await WriteScenario.Generator.SampleAsync(async scenario =>
        {
            var outcome = await ScenarioRunner.RunAsync(scenario);
            WriteModel.Check(scenario, outcome);
            System.Threading.Interlocked.Increment(ref cases);
        }, writeLine: _output.WriteLine, iter: Cases, threads: 2, print: s => s.ToString());
        _output.WriteLine($"{cases} cases held the write contract.");
        Console.WriteLine($"Write model: {cases} cases held the write contract.");
    }
}
