using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Errors;
using ImpactActions.Core.Journal;
using ImpactActions.Core.Validation;
using ImpactActions.Core.Writing;
using ImpactActions.Sandbox;
using ImpactActions.Sandbox.Data;
using ImpactActions.Sandbox.Pipeline;

namespace ImpactActions.Core.Tests;

/// <summary>
/// Each rule of docs/write-contract.md on the case that broke it, against a sandbox that queues writes as
/// the API does, judged by the sandbox's own items and ledger.
/// </summary>
public sealed class WriteContractTests
{
    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static Task<CoreSandbox> StartAsync(int delayMs = 300, Action<BehaviourOptions>? behaviour = null, Action<Connection.ConnectionSettings>? connect = null) =>
        CoreSandbox.StartAsync(configure: o =>
        {
            o.Behaviour.ProcessingDelay = TimeSpan.FromMilliseconds(delayMs);
            behaviour?.Invoke(o.Behaviour);
        }, connect: connect);

    private static async Task<FakeWriteHost> RunAsync(CoreSandbox sandbox, IEnumerable<ItemChangeInput> rows, Action<ItemChangeRun>? configure = null,
        string? journal = null, CancellationToken cancellation = default)
    {
        var host = new FakeWriteHost();
        using var run = new ItemChangeRun(sandbox.Client(), host, journal);
        run.FirstPoll = TimeSpan.FromMilliseconds(20);
        run.LongestPoll = TimeSpan.FromMilliseconds(100);
        configure?.Invoke(run);
        var row = 0;
        foreach (var input in rows)
        {
            input.Row = ++row;
            await run.AddAsync(input, cancellation);
        }
        await run.CompleteAsync(cancellation);
        return host;
    }

    private static ItemRecord Item(CoreSandbox sandbox, string actionId, string sku) => sandbox.Host.Store.FindById(actionId)!.Items.Single(i => i.Sku == sku);

    private static async Task DrainAsync(CoreSandbox sandbox) => Assert.True(await sandbox.Host.Queue.WhenIdleAsync(TimeSpan.FromSeconds(30), default));

    private static ActionRecord Roomy(CoreSandbox sandbox, int skip = 0) =>
        sandbox.Modifiable(skip, a => a.Items.Count >= 2 && a.Items[0].Quantity >= 3 && a.Items[0].SaleAmount > 20m);

    [Fact]
    public async Task A_delta_row_after_a_queued_quantity_of_an_earlier_command_waits_for_it_and_sends_the_new_quantity()
    {
        await using var sandbox = await StartAsync();
        var action = Roomy(sandbox);
        var item = action.Items[0];
        var first = await RunAsync(sandbox, new[] { new ItemChangeInput { ActionId = action.Id, Sku = item.Sku, Quantity = "2" } });
        Assert.Equal(RowStatus.Queued, Assert.Single(first.Results).State);

        var second = await RunAsync(sandbox, new[] { new ItemChangeInput { ActionId = action.Id, Sku = item.Sku, Delta = "1.00" } });
        Assert.Equal(RowStatus.Queued, Assert.Single(second.Results).State);
        await DrainAsync(sandbox);

        var after = Item(sandbox, action.Id, item.Sku);
        Assert.Equal((2, item.UnitPrice * 2 + 1.00m), (after.Quantity, after.SaleAmount));
        // The items were read only after the first write's submission was seen complete.
        var requests = sandbox.Host.Requests.Since(0).ToList();
        var read = requests.FindIndex(r => r.PathAndQuery.EndsWith("/Items", StringComparison.Ordinal));
        var status = requests.FindIndex(r => r.PathAndQuery.Contains("/APISubmissions", StringComparison.Ordinal));
        Assert.InRange(status, 0, read - 1);
    }

    [Fact]
    public async Task A_QuantityChange_after_a_queued_Quantity_of_the_same_item_in_the_same_run_builds_on_it()
    {
        await using var sandbox = await StartAsync();
        var action = Roomy(sandbox);
        var sku = action.Items[0].Sku;
        var host = await RunAsync(sandbox, new[]
        {
            new ItemChangeInput { ActionId = action.Id, Sku = sku, Quantity = "5" },
            new ItemChangeInput { ActionId = action.Id, Sku = sku, QuantityChange = "-1" },
        });
        Assert.All(host.Results, r => Assert.Equal(RowStatus.Queued, r.State));
        await DrainAsync(sandbox);
        Assert.Equal(4, Item(sandbox, action.Id, sku).Quantity);
    }

    [Fact]
    public async Task Rows_naming_one_action_by_tracker_and_order_and_by_ActionId_build_on_each_other()
    {
        await using var sandbox = await StartAsync();
        var action = Roomy(sandbox);
        var (returned, other) = (action.Items[0], action.Items[1]);
        var host = await RunAsync(sandbox, new[]
        {
            new ItemChangeInput { ActionTrackerId = Text(action.Tracker.Id), OrderId = action.Oid, Sku = returned.Sku, Quantity = "0" },
            new ItemChangeInput { ActionTrackerId = Text(action.Tracker.Id), OrderId = action.Oid, Sku = other.Sku, Quantity = "1" },
            new ItemChangeInput { ActionId = action.Id, Sku = returned.Sku, QuantityChange = "+1" },
            new ItemChangeInput { ActionId = action.Id, Sku = other.Sku, QuantityChange = "+1" },
        });
        Assert.All(host.Results, r => Assert.True(r.State == RowStatus.Queued, $"row {r.Row}: {r.Status} {r.Message}"));
        await DrainAsync(sandbox);
        Assert.Equal((1, 2), (Item(sandbox, action.Id, returned.Sku).Quantity, Item(sandbox, action.Id, other.Sku).Quantity));
    }

    [Fact]
    public async Task A_change_is_not_built_on_a_request_that_failed_while_processing()
    {
        await using var sandbox = await StartAsync();
        var action = Roomy(sandbox);
        var item = action.Items[0];
        var host = await RunAsync(sandbox, new[]
        {
            new ItemChangeInput { ActionId = action.Id, Sku = item.Sku, QuantityChange = "-1" },
            new ItemChangeInput { ActionId = action.Id, Sku = "NO-SUCH-SKU", Quantity = "1" },
            new ItemChangeInput { ActionId = action.Id, Sku = item.Sku, QuantityChange = "-1" },
        }, run => run.Wait = true);

        var results = host.Results.ToList();
        Assert.Equal(new[] { RowStatus.Failed, RowStatus.Failed, RowStatus.Applied }, results.Select(r => r.State));
        Assert.Equal(ErrorKinds.SubmissionFailed.Id, results[0].ErrorId);
        Assert.Contains("SKU_NOT_FOUND", results[0].Message);
        // One unit less, not two: the second change was worked out after the first request failed.
        Assert.Equal(item.Quantity - 1, Item(sandbox, action.Id, item.Sku).Quantity);
    }

    [Fact]
    public async Task Rows_of_other_actions_go_on_while_a_row_waits_for_an_earlier_write_and_results_keep_their_order()
    {
        await using var sandbox = await StartAsync();
        var (x, y) = (Roomy(sandbox), Roomy(sandbox, skip: 1));
        var host = await RunAsync(sandbox, new[]
        {
            new ItemChangeInput { ActionId = x.Id, Sku = x.Items[0].Sku, Quantity = "2" },
            new ItemChangeInput { ActionId = x.Id, Sku = x.Items[0].Sku, Delta = "-1.00" },
            new ItemChangeInput { ActionId = y.Id, Sku = y.Items[0].Sku, Quantity = "1" },
        });
        Assert.Equal(new long[] { 1, 2, 3 }, host.Results.Select(r => r.Row));
        Assert.All(host.Results, r => Assert.Equal(RowStatus.Queued, r.State));
        // Applied in arrival order: x's quantity, then y (sent while x's delta waited for it), then x's delta.
        await DrainAsync(sandbox);
        var ledger = sandbox.Host.Ledger.Entries().ToList();
        var (xQuantity, yFirst, xDelta) = (ledger.FindIndex(e => e.ActionId == x.Id), ledger.FindIndex(e => e.ActionId == y.Id),
            ledger.FindIndex(e => e.ActionId == x.Id && e.Field == "ItemSubTotalDelta"));
        Assert.True(xQuantity < yFirst && yFirst < xDelta, $"applied at {xQuantity}, {yFirst}, {xDelta}");
    }

    [Fact]
    public async Task A_row_that_needs_a_quantity_fails_unsent_when_the_earlier_write_does_not_complete_in_time()
    {
        await using var sandbox = await StartAsync(delayMs: 10_000);
        var action = Roomy(sandbox);
        var sku = action.Items[0].Sku;
        var host = await RunAsync(sandbox, new[]
        {
            new ItemChangeInput { ActionId = action.Id, Sku = sku, Quantity = "2" },
            new ItemChangeInput { ActionId = action.Id, Sku = sku, Delta = "-1.00" },
        }, run => run.WaitTimeout = TimeSpan.FromMilliseconds(300));
        var late = host.Results.Single(r => r.Row == 2);
        Assert.Equal((RowStatus.Failed, ErrorKinds.EarlierWritePending.Id, "Quantity"), (late.State, late.ErrorId, late.Field));
        Assert.Contains("had not completed", late.Message);
        Assert.Single(sandbox.Host.Requests.Since(0), r => r.Method == "PUT");
    }

    [Fact]
    public async Task A_row_that_needs_a_quantity_fails_unsent_behind_a_write_whose_outcome_is_unknown()
    {
        await using var sandbox = await StartAsync(delayMs: 0, behaviour: b =>
        {
            b.SubmissionList = false;
            b.Faults = new FaultOptions { Rules = new[] { new FaultRule { Method = "PUT", PathContains = "/Actions", Occurrence = 1, Kind = FaultKind.DropAfterHandling } } };
        });
        var action = Roomy(sandbox);
        var item = action.Items[0];
        var host = await RunAsync(sandbox, new[]
        {
            new ItemChangeInput { ActionId = action.Id, Sku = item.Sku, Quantity = Text(item.Quantity), Delta = "-1.00" },
            new ItemChangeInput { ActionId = action.Id, Sku = item.Sku, QuantityChange = "-1" },
        });
        Assert.Equal(RowStatus.OutcomeUnknown, host.Results.Single(r => r.Row == 1).State);
        var refused = host.Results.Single(r => r.Row == 2);
        Assert.Equal((RowStatus.Failed, ErrorKinds.EarlierWriteUnknown.Id, "QuantityChange"), (refused.State, refused.ErrorId, refused.Field));
        Assert.Single(sandbox.Host.Requests.Since(0), r => r.Method == "PUT");
    }

    [Fact]
    public async Task Wait_gives_every_row_its_result_when_the_status_checks_fail()
    {
        await using var sandbox = await StartAsync(delayMs: 0, behaviour: b => b.Faults = new FaultOptions
        {
            Rules = new[] { new FaultRule { Method = "GET", PathContains = "/APISubmissions", Occurrence = 0, Kind = FaultKind.ServerError } },
        }, connect: c => c.MaxRetries = 1);
        var (x, y) = (Roomy(sandbox), Roomy(sandbox, skip: 1));
        var host = await RunAsync(sandbox, new[]
        {
            new ItemChangeInput { ActionId = x.Id, Sku = x.Items[0].Sku, Quantity = "1" },
            new ItemChangeInput { ActionId = y.Id, Sku = y.Items[0].Sku, Quantity = "1" },
        }, run =>
        {
            run.Wait = true;
            run.WaitTimeout = TimeSpan.FromMilliseconds(500);
        });
        await DrainAsync(sandbox);
        Assert.Equal(2, host.Results.Count);
        Assert.All(host.Results, r => Assert.Equal((RowStatus.Queued, ErrorKinds.SubmissionUnreadable.Id), (r.State, r.ErrorId)));
        Assert.All(host.Results, r => Assert.Contains("could not be read", r.Message));
        Assert.Equal((1, 1), (Item(sandbox, x.Id, x.Items[0].Sku).Quantity, Item(sandbox, y.Id, y.Items[0].Sku).Quantity));
    }

    [Fact]
    public async Task A_second_run_on_a_journal_another_run_holds_is_refused_before_it_sends_anything()
    {
        await using var sandbox = await StartAsync(delayMs: 0);
        var journal = Path.Combine(Path.GetTempPath(), $"impact-held-{Guid.NewGuid():N}.jsonl");
        try
        {
            using var holder = new ItemChangeRun(sandbox.Client(), new FakeWriteHost(), journal);
            var refused = Assert.Throws<JournalException>(() => new ItemChangeRun(sandbox.Client(), new FakeWriteHost(), journal));
            Assert.Equal(ErrorKinds.JournalInUse, refused.Kind);
            Assert.Contains("in use by another run", refused.Message);
            Assert.Equal(0, sandbox.Host.Requests.Count);
        }
        finally
        {
            File.Delete(journal);
        }
    }

    [Fact]
    public async Task After_a_crash_between_sending_and_journalling_every_row_of_that_request_is_found_together()
    {
        // The answer never arrives, and the kill comes as the write is queued: before anything can be journalled.
        await using var sandbox = await StartAsync(delayMs: 0, behaviour: b => b.Faults = new FaultOptions
        {
            Rules = new[] { new FaultRule { Method = "PUT", PathContains = "/Actions", Occurrence = 1, Kind = FaultKind.DropAfterHandling } },
        });
        var action = sandbox.Modifiable(where: a => a.Items.Count >= 3 && a.Items.All(i => i.SaleAmount > 5m));
        var rows = action.Items.Take(3).Select((item, i) => new ItemChangeInput
        {
            ActionId = action.Id, Sku = item.Sku, Quantity = Text(item.Quantity), Delta = i == 0 ? "" : "-1.00",
        }).ToList();
        var journal = Path.Combine(Path.GetTempPath(), $"impact-crash-{Guid.NewGuid():N}.jsonl");
        try
        {
            using var kill = new CancellationTokenSource();
            sandbox.Host.Queue.Queued += _ => kill.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(sandbox, rows, journal: journal, cancellation: kill.Token));

            var rerun = await RunAsync(sandbox, rows, journal: journal);
            await DrainAsync(sandbox);
            Assert.All(rerun.Results, r => Assert.Equal(RowStatus.Skipped, r.State));
            Assert.Single(rerun.Results.Select(r => r.BatchId).Distinct());
            Assert.Single(sandbox.Host.Queue.All());
            Assert.Equal(2, sandbox.Host.Ledger.Entries(action.Id).Count(e => e.Field == "ItemSubTotalDelta"));
        }
        finally
        {
            File.Delete(journal);
        }
    }

    [Fact]
    public async Task A_journal_line_cut_by_a_crash_is_closed_off_and_the_next_record_stands()
    {
        await using var sandbox = await StartAsync(delayMs: 0);
        var (x, y) = (Roomy(sandbox), Roomy(sandbox, skip: 1));
        var journal = Path.Combine(Path.GetTempPath(), $"impact-cut-{Guid.NewGuid():N}.jsonl");
        try
        {
            var first = new ItemChangeInput { ActionId = x.Id, Sku = x.Items[0].Sku, Delta = "-1.00" };
            await RunAsync(sandbox, new[] { first }, journal: journal);
            File.AppendAllText(journal, "{\"V\":2,\"Request\":\"cut-short");

            var second = new ItemChangeInput { ActionId = y.Id, Sku = y.Items[0].Sku, Delta = "-1.00" };
            Assert.Equal(RowStatus.Queued, Assert.Single((await RunAsync(sandbox, new[] { second }, journal: journal)).Results).State);
            var rerun = await RunAsync(sandbox, new[] { first, second }, journal: journal);
            Assert.All(rerun.Results, r => Assert.Equal(RowStatus.Skipped, r.State));
            using var reopened = RunJournal.Open(journal);
            Assert.Equal(1, reopened.UnreadableLines);
        }
        finally
        {
            File.Delete(journal);
        }
    }

    [Fact]
    public async Task A_definite_refusal_of_a_request_with_a_relative_change_is_Failed_not_unknown()
    {
        await using var sandbox = await StartAsync(delayMs: 0);
        var host = await RunAsync(sandbox, new[]
        {
            // Valid to Core (a 16-digit whole number), past the API's range for a tracker: refused with 400.
            new ItemChangeInput { ActionTrackerId = "9999999999999999", OrderId = "1", Sku = "1", Quantity = "1", Delta = "-1.00" },
        });
        var result = Assert.Single(host.Results);
        Assert.Equal((RowStatus.Failed, ErrorKinds.ApiRefused.Id), (result.State, result.ErrorId));
    }

    [Fact]
    public async Task A_computed_quantity_past_the_API_range_is_a_row_error_and_not_sent()
    {
        await using var sandbox = await StartAsync(delayMs: 0);
        var action = Roomy(sandbox);
        var result = Assert.Single((await RunAsync(sandbox, new[] { new ItemChangeInput { ActionId = action.Id, Sku = action.Items[0].Sku, QuantityChange = "2147483647" } })).Results);
        Assert.Equal((RowStatus.Failed, ErrorKinds.InvalidRow.Id, "QuantityChange"), (result.State, result.ErrorId, result.Field));
        Assert.Contains("2147483647", result.Message);
        Assert.DoesNotContain(sandbox.Host.Requests.Since(0), r => r.Method == "PUT");
    }

    /// <summary>A file that takes a given number of writes and then fails, as a full disk does.</summary>
    private sealed class FillingStream : MemoryStream
    {
        private int _writesLeft;

        public FillingStream(int writes) => _writesLeft = writes;

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (_writesLeft-- <= 0) throw new IOException("No space left on device");
            base.Write(buffer, offset, count);
        }
    }

    [Fact]
    public async Task A_journal_that_cannot_be_written_stops_the_run_before_its_next_request_and_every_row_gets_a_result()
    {
        await using var sandbox = await StartAsync(delayMs: 0);
        var actions = Enumerable.Range(0, 3).Select(i => Roomy(sandbox, skip: i)).ToList();
        var host = new FakeWriteHost();
        // Room for the first request's two lines (sending, queued), not for the second's.
        using (var run = new ItemChangeRun(sandbox.Client(), host, new RunJournal("full.jsonl", new FillingStream(writes: 2)), maxItemsPerRequest: 1))
        {
            var row = 0;
            foreach (var action in actions)
                await run.AddAsync(new ItemChangeInput { Row = ++row, ActionId = action.Id, Sku = action.Items[0].Sku, Quantity = "1" }, default);
            await run.CompleteAsync(default);
        }
        var results = host.Results.ToList();
        Assert.Equal(new[] { RowStatus.Queued, RowStatus.NotSent, RowStatus.NotSent }, results.Select(r => r.State));
        Assert.All(results.Skip(1), r => Assert.Equal(ErrorKinds.JournalUnavailable.Id, r.ErrorId));
        Assert.Contains("No space left on device", results[1].Message);
        Assert.Single(sandbox.Host.Requests.Since(0), r => r.Method == "PUT");
    }

    [Fact]
    public async Task A_rerun_of_a_file_saved_again_with_its_zeros_dropped_skips_what_was_accepted()
    {
        await using var sandbox = await StartAsync(delayMs: 0);
        var action = Roomy(sandbox);
        var (first, second) = (action.Items[0], action.Items[1]);
        var journal = Path.Combine(Path.GetTempPath(), $"impact-resaved-{Guid.NewGuid():N}.jsonl");
        ItemChangeInput Row(ItemRecord item, string delta) => new() { ActionId = action.Id, Sku = item.Sku, Quantity = Text(item.Quantity), Delta = delta };
        try
        {
            var run = await RunAsync(sandbox, new[] { Row(first, "-1.00"), Row(second, "-2.50") }, journal: journal);
            Assert.All(run.Results, r => Assert.Equal(RowStatus.Queued, r.State));
            await DrainAsync(sandbox);

            // What a spreadsheet writes when it saves the file again: the same numbers, without their zeros.
            var rerun = await RunAsync(sandbox, new[] { Row(first, "-1"), Row(second, "-2.5") }, journal: journal);
            await DrainAsync(sandbox);

            Assert.All(rerun.Results, r => Assert.Equal(RowStatus.Skipped, r.State));
            Assert.All(rerun.Results, r => Assert.Contains("new -JournalPath", r.Message));
            Assert.Equal(new[] { "-1.00", "-2.50" }, sandbox.Host.Ledger.Entries(action.Id).Where(e => e.Field == "ItemSubTotalDelta").Select(e => e.Value));
        }
        finally
        {
            File.Delete(journal);
        }
    }

    [Fact]
    public async Task A_rerun_of_a_file_whose_relative_rows_were_written_another_way_sends_none_of_them_again()
    {
        await using var sandbox = await StartAsync(delayMs: 0);
        var action = sandbox.Modifiable(0, a => a.Items.Count >= 3 && a.Items.Take(3).All(i => i.SaleAmount > 20m));
        var (first, second, third) = (action.Items[0], action.Items[1], action.Items[2]);
        var journal = Path.Combine(Path.GetTempPath(), $"impact-rewritten-{Guid.NewGuid():N}.jsonl");
        try
        {
            var run = await RunAsync(sandbox, new[]
            {
                new ItemChangeInput { ActionId = action.Id, Sku = first.Sku, Quantity = Text(first.Quantity), Delta = "-1.00" },
                new ItemChangeInput { ActionId = action.Id, Sku = second.Sku, Delta = "-2.00" },
                new ItemChangeInput { ActionId = action.Id, Sku = third.Sku, Quantity = Text(third.Quantity), Delta = "-3.00" },
            }, journal: journal);
            Assert.All(run.Results, r => Assert.Equal(RowStatus.Queued, r.State));
            await DrainAsync(sandbox);

            // Saved again by hand: the first row names its action by tracker and OrderId, the second and third name it
            // both ways.
            var rerun = await RunAsync(sandbox, new[]
            {
                new ItemChangeInput { ActionTrackerId = Text(action.Tracker.Id), OrderId = action.Oid, Sku = first.Sku, Quantity = Text(first.Quantity), Delta = "-1" },
                new ItemChangeInput { ActionId = action.Id, ActionTrackerId = Text(action.Tracker.Id), OrderId = action.Oid, Sku = second.Sku, Delta = "-2" },
                new ItemChangeInput { ActionId = action.Id, ActionTrackerId = Text(action.Tracker.Id), OrderId = action.Oid, Sku = third.Sku, Quantity = Text(third.Quantity), Delta = "-3.00" },
            }, journal: journal);
            await DrainAsync(sandbox);

            Assert.All(rerun.Results, r => Assert.Contains(r.State, new[] { RowStatus.Skipped, RowStatus.OutcomeUnknown }));
            Assert.Equal(RowStatus.Skipped, rerun.Results.Single(r => r.Sku == second.Sku).State);
            Assert.Equal(RowStatus.Skipped, rerun.Results.Single(r => r.Sku == third.Sku).State);
            Assert.Equal(new[] { "-1.00", "-2.00", "-3.00" },
                sandbox.Host.Ledger.Entries(action.Id).Where(e => e.Field == "ItemSubTotalDelta").Select(e => e.Value).OrderBy(v => v, StringComparer.Ordinal));
        }
        finally
        {
            File.Delete(journal);
        }
    }

    [Fact]
    public async Task A_relative_change_repeated_in_one_run_on_a_journal_is_sent_twice_as_asked()
    {
        await using var sandbox = await StartAsync(delayMs: 0);
        var action = Roomy(sandbox);
        var item = action.Items[0];
        var journal = Path.Combine(Path.GetTempPath(), $"impact-repeated-{Guid.NewGuid():N}.jsonl");
        try
        {
            var run = await RunAsync(sandbox, new[]
            {
                new ItemChangeInput { ActionId = action.Id, Sku = item.Sku, Quantity = Text(item.Quantity), Delta = "-1.00" },
                new ItemChangeInput { ActionId = action.Id, Sku = item.Sku, Quantity = Text(item.Quantity), Delta = "-1.00" },
            }, journal: journal);
            await DrainAsync(sandbox);
            Assert.All(run.Results, r => Assert.Equal(RowStatus.Queued, r.State));
            Assert.Equal(2, sandbox.Host.Ledger.Entries(action.Id).Count(e => e.Field == "ItemSubTotalDelta"));
        }
        finally
        {
            File.Delete(journal);
        }
    }

    [Fact]
    public async Task A_journal_of_another_account_is_refused_before_anything_is_sent_and_let_go()
    {
        await using var rehearsal = await StartAsync(delayMs: 0);
        await using var real = await CoreSandbox.StartAsync(configure: o => o.AccountSid = "IRREALACCOUNT0000000000000000000");
        var journal = Path.Combine(Path.GetTempPath(), $"impact-account-{Guid.NewGuid():N}.jsonl");
        try
        {
            var action = rehearsal.Modifiable();
            var row = new ItemChangeInput { ActionId = action.Id, Sku = action.Items[0].Sku, Quantity = "1" };
            Assert.Equal(RowStatus.Queued, Assert.Single((await RunAsync(rehearsal, new[] { row }, journal: journal)).Results).State);
            var before = real.Host.Requests.Count;

            var refused = Assert.Throws<JournalException>(() => new ItemChangeRun(real.Client(), new FakeWriteHost(), journal));

            Assert.Equal(ErrorKinds.JournalOtherAccount, refused.Kind);
            Assert.Contains(rehearsal.Host.AccountSid, refused.Message);
            Assert.Equal(before, real.Host.Requests.Count);
            using var reopened = RunJournal.Open(journal);
        }
        finally
        {
            File.Delete(journal);
        }
    }
}
