using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Connection;
using ImpactActions.Core.Hosting;
using ImpactActions.Core.Submissions;
using ImpactActions.Core.Http;
using ImpactActions.Core.Writing;
using ImpactActions.Sandbox;
using ImpactActions.Sandbox.Data;

namespace ImpactActions.Core.Tests.Model;

/// <summary>What one run reported, and how it ended.</summary>
public sealed record RunOutcome(RunSpec Spec, IReadOnlyList<RowResult> Results, bool Crashed, bool Stopped, RowResult? StoppedBy);

/// <summary>What a whole scenario left: each run's results, the truth of every submission, and the items as the sandbox holds them.</summary>
public sealed record ScenarioOutcome(
    IReadOnlyList<ModelAction> Actions, IReadOnlyList<RunOutcome> Runs, IReadOnlyDictionary<string, bool> SubmissionApplied,
    IReadOnlyDictionary<(int Action, int Item), ModelItem> Final, IReadOnlyDictionary<(int Action, int Item), int> DeltasApplied, string JournalText);

/// <summary>
/// Runs a scenario against a sandbox of its own, as the cmdlet would: rows one by one through the pipeline
/// dispatcher, whose host stops the run at the first error under -ErrorAction Stop (as WriteError does),
/// crashes by cancelling at the n-th queued write, and cuts the journal's last answer line afterwards.
/// </summary>
public static class ScenarioRunner
{
    private sealed class StopRunException : Exception
    {
    }

    /// <summary>Stands in for the cmdlet: output on the pipeline thread, ShouldProcess answered there, an error that stops the pipeline under -ErrorAction Stop.</summary>
    private sealed class PipelineHost : IWriteHost
    {
        private readonly PipelineDispatcher _dispatcher;
        private readonly bool _stop;

        public PipelineHost(PipelineDispatcher dispatcher, bool stop)
        {
            _dispatcher = dispatcher;
            _stop = stop;
        }

        public List<RowResult> Results { get; } = new();

        /// <summary>The row whose error ended the run under -ErrorAction Stop.</summary>
        public RowResult? StoppedBy { get; private set; }

        public Task<SendDecision> ShouldSendAsync(string target, string operation) => _dispatcher.InvokeAsync(() => SendDecision.Send);

        public void Report(RowResult result) => _dispatcher.Post(() => Results.Add(result));

        public void ReportError(RowResult result) => _dispatcher.Post(() =>
        {
            if (!_stop) return;
            StoppedBy = result;
            throw new StopRunException();
        });

        public void Progress(WriteProgress progress)
        {
        }
    }

    public static async Task<ScenarioOutcome> RunAsync(WriteScenario scenario)
    {
        await using var sandbox = await CoreSandbox.StartAsync(actions: 80, configure: o =>
        {
            o.Behaviour.ProcessingDelay = TimeSpan.Zero;
            o.Behaviour.SubmissionList = scenario.SubmissionList;
        }, connect: Settings);
        var now = sandbox.Host.Clock.Now;
        var records = sandbox.Host.Store.All()
            .Where(a => !a.IsLockedAt(now.AddDays(2)) && a.State != ActionState.REVERSED && a.Items.Count >= WriteScenario.ItemsPerAction)
            .Take(WriteScenario.Actions).ToList();
        var actions = records.Select(a => new ModelAction(a.Id, a.Tracker.Id, a.Oid,
            a.Items.Take(WriteScenario.ItemsPerAction).Select(i => new ModelItem(i.Sku, i.Quantity, i.UnitPrice, i.SaleAmount, i.Category)).ToList())).ToList();

        var journal = Path.Combine(Path.GetTempPath(), $"impact-model-{Guid.NewGuid():N}.jsonl");
        var connections = new List<ImpactConnection>();
        var connection = sandbox.Connection;
        var runs = new List<RunOutcome>();
        var unjournalled = false;
        try
        {
            foreach (var spec in scenario.Runs)
            {
                if (spec.NewSession && runs.Count > 0)
                {
                    // A new session knows only what a journal it shares tells it (docs/write-contract.md): unless it
                    // shares one with every run before it, it comes after their writes were applied, as a later task does.
                    if ((unjournalled || !spec.Journal) && !await sandbox.Host.Queue.WhenIdleAsync(TimeSpan.FromSeconds(60), default))
                        throw new TimeoutException("The sandbox's queue did not drain.");
                    // And, not sharing one, it comes later than the window a lost answer is looked for in
                    // (SubmissionReconciler.Margin): within it, an identical body another process sent may be credited to
                    // it, as docs/write-contract.md's assumptions say.
                    if (unjournalled || !spec.Journal) sandbox.Host.Clock.Advance(SubmissionReconciler.Margin + TimeSpan.FromMinutes(1));
                    unjournalled = false;
                    AccountState.Forget(sandbox.Host.BaseUri, sandbox.Host.AccountSid);
                    connection = ImpactConnection.Open(SettingsFor(sandbox), _ => null);
                    connections.Add(connection);
                }
                else if (spec.Reconnect && runs.Count > 0)
                {
                    // Connect-ImpactAccount again in the same process: still the same session, nothing waited for.
                    connection = ImpactConnection.Open(SettingsFor(sandbox), _ => null);
                    connections.Add(connection);
                }
                unjournalled |= !spec.Journal;
                sandbox.Host.Behaviour = Behaviour(spec, scenario.SubmissionList);
                runs.Add(await RunOneAsync(sandbox, connection, actions, spec, spec.Journal ? journal : null));
            }
            sandbox.Host.Behaviour = new BehaviourOptions { ProcessingDelay = TimeSpan.Zero, SubmissionList = scenario.SubmissionList };
            if (!await sandbox.Host.Queue.WhenIdleAsync(TimeSpan.FromSeconds(60), default)) throw new TimeoutException("The sandbox's queue did not drain.");

            var applied = sandbox.Host.Queue.All().ToDictionary(s => s.BatchId, s => s.ErrorReason.Length == 0, StringComparer.OrdinalIgnoreCase);
            var final = new Dictionary<(int, int), ModelItem>();
            var deltas = new Dictionary<(int, int), int>();
            for (var a = 0; a < actions.Count; a++)
                for (var i = 0; i < actions[a].Items.Count; i++)
                {
                    var sku = actions[a].Items[i].Sku;
                    var item = sandbox.Host.Store.FindById(actions[a].Id)!.Items.Single(x => x.Sku == sku);
                    final[(a, i)] = new ModelItem(sku, item.Quantity, item.UnitPrice, item.SaleAmount, item.Category);
                    deltas[(a, i)] = sandbox.Host.Ledger.Entries(actions[a].Id).Count(e => e.Sku == sku && e.Field == "ItemSubTotalDelta");
                }
            var journalText = File.Exists(journal) ? File.ReadAllText(journal) : "";
            if (journalText.Contains(sandbox.Host.AuthToken, StringComparison.Ordinal)) throw new InvalidOperationException("The journal holds the AuthToken.");
            return new ScenarioOutcome(actions, runs, applied, final, deltas, journalText);
        }
        finally
        {
            foreach (var c in connections) c.Dispose();
            File.Delete(journal);
        }
    }

    private static void Settings(ConnectionSettings settings)
    {
        settings.MaxRetries = 3;
        settings.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
        settings.MaxRetryDelay = TimeSpan.FromMilliseconds(40);
        settings.RequestTimeout = TimeSpan.FromSeconds(15);
    }

    private static ConnectionSettings SettingsFor(CoreSandbox sandbox)
    {
        var settings = new ConnectionSettings { AccountSid = sandbox.Host.AccountSid, AuthToken = CoreSandbox.Secret(sandbox.Host.AuthToken), BaseUri = sandbox.Host.BaseUri };
        Settings(settings);
        return settings;
    }

    private static BehaviourOptions Behaviour(RunSpec spec, bool submissionList)
    {
        var faults = FaultOptions.Mixed(spec.FaultPercent / 100.0, spec.FaultSeed);
        // 429s are proven elsewhere and cost a second each; slow answers only cost time.
        faults.TooManyRequests = 0;
        faults.SlowDelay = TimeSpan.FromMilliseconds(20);
        faults.PerRequest = true;
        return new BehaviourOptions
        {
            ProcessingDelay = TimeSpan.FromMilliseconds(spec.DelayMs),
            ProcessingDelayMax = TimeSpan.FromMilliseconds(spec.DelayMs * 2),
            SubmissionList = submissionList,
            Faults = faults,
        };
    }

    private static async Task<RunOutcome> RunOneAsync(CoreSandbox sandbox, ImpactConnection connection, IReadOnlyList<ModelAction> actions, RunSpec spec, string? journal)
    {
        using var crash = new CancellationTokenSource();
        var queued = 0;
        void OnQueued(Sandbox.Queue.SubmissionRecord _)
        {
            if (spec.CrashAtWrite > 0 && Interlocked.Increment(ref queued) == spec.CrashAtWrite) crash.Cancel();
        }
        sandbox.Host.Queue.Queued += OnQueued;
        try
        {
            var (results, crashed, stopped, stoppedBy) = await Task.Factory.StartNew(() => RunOnPipelineThread(connection, actions, spec, journal, crash),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            if (crashed && spec.CutLine && journal is not null) CutLastAnswerLine(journal);
            return new RunOutcome(spec, results, crashed, stopped, stoppedBy);
        }
        finally
        {
            sandbox.Host.Queue.Queued -= OnQueued;
        }
    }

    /// <summary>Like a cmdlet's ProcessRecord and EndProcessing: every call into Core waited for on the thread that owns the dispatcher.</summary>
    private static (List<RowResult> Results, bool Crashed, bool Stopped, RowResult? StoppedBy) RunOnPipelineThread(
        ImpactConnection connection, IReadOnlyList<ModelAction> actions, RunSpec spec, string? journal, CancellationTokenSource crash)
    {
        var dispatcher = new PipelineDispatcher();
        var host = new PipelineHost(dispatcher, spec.Stop);
        try
        {
            using var run = new ItemChangeRun(new ImpactApiClient(connection), host, journal, spec.MaxItemsPerRequest)
            {
                StopAtBadRow = spec.Stop, ResendUnknown = spec.ResendUnknown, Wait = spec.Wait, WaitTimeout = TimeSpan.FromSeconds(20),
                FirstPoll = TimeSpan.FromMilliseconds(10), LongestPoll = TimeSpan.FromMilliseconds(80),
            };
            var row = 0;
            foreach (var rowSpec in spec.Rows)
            {
                var input = WriteScenario.Input(rowSpec, actions[rowSpec.Action]);
                input.Row = ++row;
                dispatcher.Wait(run.AddAsync(input, crash.Token), crash);
            }
            dispatcher.Wait(run.CompleteAsync(crash.Token), crash);
            return (host.Results, false, false, null);
        }
        catch (StopRunException)
        {
            return (host.Results, false, true, host.StoppedBy);
        }
        catch (OperationCanceledException) when (crash.IsCancellationRequested && spec.CrashAtWrite > 0)
        {
            return (host.Results, true, false, null);
        }
    }

    /// <summary>A crash while an answer was being journalled: its line is cut short. A request's "sending" line is never cut, since the request goes out only once that line is on disk.</summary>
    private static void CutLastAnswerLine(string journal)
    {
        var bytes = File.ReadAllBytes(journal);
        if (bytes.Length < 2 || bytes[^1] != (byte)'\n') return;
        var start = Array.LastIndexOf(bytes, (byte)'\n', bytes.Length - 2) + 1;
        var line = Encoding.UTF8.GetString(bytes, start, bytes.Length - 1 - start);
        using (var document = JsonDocument.Parse(line))
            if (document.RootElement.TryGetProperty("Status", out var status) && status.GetString() == "Sending") return;
        File.WriteAllBytes(journal, bytes.AsSpan(0, start + Math.Max(1, line.Length / 2)).ToArray());
    }
}
