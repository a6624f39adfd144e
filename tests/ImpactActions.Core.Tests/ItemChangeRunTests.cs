using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Validation;
using ImpactActions.Core.Writing;
using ImpactActions.Sandbox;
using ImpactActions.Sandbox.Data;

namespace ImpactActions.Core.Tests;

/// <summary>Item-change runs against the sandbox, proven on its ledger.</summary>
public sealed class ItemChangeRunTests
{
    /// <summary>One row per (action, item): a Quantity row or a Delta row, alternating, over the first modifiable actions.</summary>
    private static List<ItemChangeInput> Rows(CoreSandbox sandbox, int actions)
    {
        var rows = new List<ItemChangeInput>();
        var now = sandbox.Host.Clock.Now;
        foreach (var action in sandbox.Host.Store.All().Where(a => !a.IsLockedAt(now) && a.State != ActionState.REVERSED).Take(actions))
            foreach (var item in action.Items)
            {
                var relative = rows.Count % 2 == 1;
                rows.Add(new ItemChangeInput
                {
                    Row = rows.Count + 1, ActionId = action.Id, Sku = item.Sku,
                    Quantity = relative ? "" : "0", Delta = relative ? "-1.25" : "",
                });
            }
        return rows;
    }

    private static async Task RunAsync(CoreSandbox sandbox, FakeWriteHost host, IEnumerable<ItemChangeInput> rows, string? journal = null, CancellationToken cancellation = default)
    {
        using var run = new ItemChangeRun(sandbox.Client(), host, journal);
        foreach (var row in rows) await run.AddAsync(row, cancellation);
        await run.CompleteAsync(cancellation);
    }

    /// <summary>How often the ledger applied each row's change.</summary>
    private static int Applied(CoreSandbox sandbox, ItemChangeInput row) =>
        sandbox.Host.Ledger.Entries(row.ActionId).Count(e => e.Sku == row.Sku && e.Field == (row.Delta is { Length: > 0 } ? "ItemSubTotalDelta" : "Quantity"));

    [Fact]
    public async Task Good_rows_are_applied_one_PUT_per_action_and_a_bad_row_is_reported_with_its_field()
    {
        await using var sandbox = await CoreSandbox.StartAsync();
        var rows = Rows(sandbox, 5);
        rows.Insert(2, new ItemChangeInput { Row = 999, ActionId = rows[0].ActionId, Sku = "X", Quantity = "3,5" });
        var host = new FakeWriteHost();
        await RunAsync(sandbox, host, rows);
        await sandbox.Host.Queue.WhenIdleAsync(TimeSpan.FromSeconds(30), default);

        var bad = Assert.Single(host.Results, r => r.State == RowStatus.Failed);
        Assert.Equal((999L, "Quantity", "InvalidRow"), (bad.Row, bad.Field, bad.ErrorId));
        Assert.Equal(rows.Count, host.Results.Count);
        Assert.All(rows.Where(r => r.Row != 999), r => Assert.Equal(1, Applied(sandbox, r)));
        Assert.Equal(5, sandbox.Host.Requests.Since(0).Count(r => r.Method == "PUT"));
        Assert.All(host.Results.Where(r => r.State == RowStatus.Queued), r => Assert.StartsWith("A-", r.BatchId));
    }

    [Fact]
    public async Task WhatIf_works_a_later_rows_quantity_out_from_the_rehearsed_rows_of_its_item_as_the_real_run_does()
    {
        await using var sandbox = await CoreSandbox.StartAsync();
        var action = sandbox.Modifiable(where: a => a.Items[0].Quantity >= 1);
        var item = action.Items[0];
        var (current, given) = (item.Quantity, item.Quantity + 6);
        var rows = new[]
        {
            new ItemChangeInput { Row = 1, ActionId = action.Id, Sku = item.Sku, Quantity = Text(given) },
            new ItemChangeInput { Row = 2, ActionId = action.Id, Sku = item.Sku, QuantityChange = "-1" },
            // Below 0 from the item's current quantity, but not from what rows 1 and 2 leave: the real run sends it.
            new ItemChangeInput { Row = 3, ActionId = action.Id, Sku = item.Sku, QuantityChange = Text(-(given - 1)) },
            new ItemChangeInput { Row = 4, ActionId = action.Id, Sku = item.Sku, Delta = "-1.00" },
            // Fine from the item's current quantity, below 0 from what the rows before leave: the real run refuses it.
            new ItemChangeInput { Row = 5, ActionId = action.Id, Sku = item.Sku, QuantityChange = "-1" },
        };
        var host = new FakeWriteHost { Send = false, Rehearses = true };
        await RunAsync(sandbox, host, rows);

        Assert.Equal(Enumerable.Repeat(RowStatus.NotSent, 4).Append(RowStatus.Failed), host.Results.Select(r => r.State));
        var refused = host.Results[4];
        Assert.Equal(("InvalidRow", "QuantityChange"), (refused.ErrorId, refused.Field));
        Assert.Contains($"from 0 (as rehearsed for row 4, not the current {current}) to -1, below 0", refused.Message);
        Assert.DoesNotContain(sandbox.Host.Requests.Since(0), r => r.Method != "GET");
        Assert.Equal(4, host.Asked.Count);
        Assert.Contains($"{item.Sku} Quantity={given})", host.Asked[0]);
        Assert.Contains($"{item.Sku} Quantity={given - 1} ({given} - 1; {given} as rehearsed for row 1, not the current {current})", host.Asked[1]);
        Assert.Contains($"{item.Sku} Quantity=0 ({given - 1} - {given - 1}; {given - 1} as rehearsed for row 2, not the current {current})", host.Asked[2]);
        Assert.Contains($"{item.Sku} Quantity=0 (unchanged; 0 as rehearsed for row 3, not the current {current}) ItemSubTotalDelta=-1.00", host.Asked[3]);
    }

    [Fact]
    public async Task A_declined_row_is_not_built_upon_the_later_rows_of_its_item_change_it_as_it_is()
    {
        await using var sandbox = await CoreSandbox.StartAsync();
        var action = sandbox.Modifiable(where: a => a.Items[0].Quantity >= 1);
        var item = action.Items[0];
        var current = item.Quantity;
        // A "no" to -Confirm for row 1, a "yes" for row 2.
        var host = new FakeWriteHost();
        host.Answers.Enqueue(SendDecision.Decline);
        await RunAsync(sandbox, host, new[]
        {
            new ItemChangeInput { Row = 1, ActionId = action.Id, Sku = item.Sku, Quantity = Text(current + 6) },
            new ItemChangeInput { Row = 2, ActionId = action.Id, Sku = item.Sku, QuantityChange = "-1" },
        });
        await sandbox.Host.Queue.WhenIdleAsync(TimeSpan.FromSeconds(30), default);

        Assert.Equal(new[] { RowStatus.NotSent, RowStatus.Queued }, host.Results.Select(r => r.State));
        Assert.Contains($"{item.Sku} Quantity={current - 1} ({current} - 1)", host.Asked[1]);
        Assert.Equal(new[] { ("Quantity", Text(current - 1)) }, sandbox.Host.Ledger.Entries(action.Id).Select(e => (e.Field, e.Value)));
    }

    [Fact]
    public async Task WhatIf_builds_on_a_rehearsed_row_that_named_the_action_by_tracker_and_order()
    {
        await using var sandbox = await CoreSandbox.StartAsync();
        var action = sandbox.Modifiable();
        var item = action.Items[0];
        var given = item.Quantity + 6;
        var host = new FakeWriteHost { Send = false, Rehearses = true };
        await RunAsync(sandbox, host, new[]
        {
            new ItemChangeInput { Row = 1, ActionTrackerId = Text(action.Tracker.Id), OrderId = action.Oid, Sku = item.Sku, Quantity = Text(given) },
            new ItemChangeInput { Row = 2, ActionId = action.Id, Sku = item.Sku, QuantityChange = "-1" },
        });

        Assert.Equal(new[] { RowStatus.NotSent, RowStatus.NotSent }, host.Results.Select(r => r.State));
        Assert.Contains($"{item.Sku} Quantity={given - 1} ({given} - 1; {given} as rehearsed for row 1, not the current {item.Quantity})", host.Asked[1]);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Requests_past_the_modification_limit_fail_their_rows_before_anything_is_sent()
    {
        await using var sandbox = await CoreSandbox.StartAsync();
        var action = sandbox.Modifiable();
        var sku = action.Items[0].Sku;
        var host = new FakeWriteHost();
        using (var run = new ItemChangeRun(sandbox.Client(), host) { ModificationLimit = 2 })
        {
            // The same item three times: three requests to one action, in order.
            for (var i = 1; i <= 3; i++) await run.AddAsync(new ItemChangeInput { Row = i, ActionId = action.Id, Sku = sku, Quantity = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }, default);
            await run.CompleteAsync(default);
        }
        Assert.Equal(new[] { RowStatus.Queued, RowStatus.Queued, RowStatus.Failed }, host.Results.OrderBy(r => r.Row).Select(r => r.State));
        var refused = host.Results.Single(r => r.Row == 3);
        Assert.Equal(("ModificationLimit", "ActionId"), (refused.ErrorId, refused.Field));
        Assert.Contains(action.Id, refused.Message);
        Assert.Equal(2, sandbox.Host.Requests.Since(0).Count(r => r.Method == "PUT"));
    }

    [Fact]
    public async Task WhatIf_sends_nothing_and_says_what_would_be_sent()
    {
        await using var sandbox = await CoreSandbox.StartAsync();
        var host = new FakeWriteHost { Send = false, Rehearses = true };
        var rows = Rows(sandbox, 3);
        await RunAsync(sandbox, host, rows);
        Assert.All(host.Results, r => Assert.Equal(RowStatus.NotSent, r.State));
        Assert.Equal(3, host.Asked.Count);
        Assert.Contains("ItemSubTotalDelta=-1.25", string.Join("\n", host.Asked));
        // A relative row without Quantity shows the current quantity it would send: one read of each action's items, no write.
        var relative = rows.First(r => r.Delta is { Length: > 0 });
        var current = sandbox.Host.Store.FindById(relative.ActionId!)!.Items.Single(i => i.Sku == relative.Sku).Quantity;
        Assert.Contains($"{relative.Sku} Quantity={current} (unchanged) ItemSubTotalDelta=-1.25", string.Join("\n", host.Asked));
        var requests = sandbox.Host.Requests.Since(0);
        Assert.DoesNotContain(requests, r => r.Method != "GET");
        Assert.Equal(requests.Count, requests.Select(r => r.PathAndQuery).Distinct().Count());
        Assert.All(requests, r => Assert.EndsWith("/Items", r.PathAndQuery));
        Assert.Equal(0, sandbox.Host.Ledger.Count);
    }

    [Fact]
    public async Task A_lost_answer_to_a_delta_is_found_among_the_submissions_not_resent()
    {
        // Exactly the first PUT loses its answer after the write is queued; nothing else meets a fault.
        var faults = new FaultOptions { Rules = new[] { new FaultRule { Method = "PUT", PathContains = "/Actions", Occurrence = 1, Kind = ImpactActions.Sandbox.Pipeline.FaultKind.DropAfterHandling } } };
        await using var sandbox = await CoreSandbox.StartAsync(configure: o => o.Behaviour.Faults = faults);
        var row = Rows(sandbox, 1)[0];
        row.Quantity = sandbox.Host.Store.FindById(row.ActionId!)!.Items.Single(i => i.Sku == row.Sku).Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture);
        row.Delta = "-2.00";
        var host = new FakeWriteHost();
        await RunAsync(sandbox, host, new[] { row });
        await sandbox.Host.Queue.WhenIdleAsync(TimeSpan.FromSeconds(30), default);

        var result = Assert.Single(host.Results);
        Assert.Equal(RowStatus.Queued, result.State);
        Assert.Equal(1, Applied(sandbox, row));
        var put = Assert.Single(sandbox.Host.Requests.Since(0), r => r.Method == "PUT");
        Assert.Equal("DropAfterHandling", put.Fault);
        Assert.Contains(sandbox.Log.Lines, l => l.Contains("looking for its submission"));
    }

    [Fact]
    public async Task With_ten_percent_faults_no_row_is_lost_and_no_delta_is_applied_twice()
    {
        await using var sandbox = await CoreSandbox.StartAsync(actions: 600, configure: o => o.Behaviour.Faults = FaultOptions.Mixed(0.10, seed: 21) is var f ? Fast(f) : f);
        var rows = Rows(sandbox, 120);
        var host = new FakeWriteHost();
        await RunAsync(sandbox, host, rows);
        sandbox.Host.Behaviour = new BehaviourOptions { ProcessingDelay = TimeSpan.Zero };
        Assert.True(await sandbox.Host.Queue.WhenIdleAsync(TimeSpan.FromSeconds(60), default));

        var results = host.Results.ToDictionary(r => r.Row);
        Assert.Equal(rows.Count, results.Count);
        Assert.Contains(sandbox.Host.Requests.Since(0), r => r.Fault.Length > 0);
        foreach (var row in rows)
        {
            var applied = Applied(sandbox, row);
            var status = results[row.Row].State;
            // An absolute change may be sent again when its answer is lost (setting the same value twice is harmless); a delta never.
            var relative = row.Delta is { Length: > 0 };
            if (status == RowStatus.Queued) Assert.True(relative ? applied == 1 : applied >= 1, $"row {row.Row} queued but applied {applied} times");
            else if (status == RowStatus.OutcomeUnknown) Assert.InRange(applied, 0, 1);
            else Assert.True(status == RowStatus.Failed && applied == 0, $"row {row.Row}: {status}, applied {applied}");
        }
        Assert.True(results.Values.Count(r => r.State == RowStatus.Queued) >= rows.Count * 9 / 10);
    }

    private static FaultOptions Fast(FaultOptions faults)
    {
        faults.SlowDelay = TimeSpan.FromMilliseconds(50);
        return faults;
    }

    [Fact]
    public async Task A_killed_run_rerun_with_its_journal_applies_every_row_exactly_once()
    {
        await using var sandbox = await CoreSandbox.StartAsync(actions: 600, configure: o => o.Behaviour.Faults = Fast(FaultOptions.Mixed(0.10, seed: 8)));
        var rows = Rows(sandbox, 60);
        var journal = Path.Combine(Path.GetTempPath(), $"impact-journal-{Guid.NewGuid():N}.jsonl");
        try
        {
            var first = new FakeWriteHost { KillAfterResults = rows.Count / 2 };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(sandbox, first, rows, journal, first.Kill.Token));
            Assert.InRange(first.Results.Count, rows.Count / 2, rows.Count - 1);

            var second = new FakeWriteHost();
            await RunAsync(sandbox, second, rows, journal);
            sandbox.Host.Behaviour = new BehaviourOptions { ProcessingDelay = TimeSpan.Zero };
            Assert.True(await sandbox.Host.Queue.WhenIdleAsync(TimeSpan.FromSeconds(60), default));

            Assert.Equal(rows.Count, second.Results.Count);
            Assert.Contains(second.Results, r => r.State == RowStatus.Skipped);
            var unknown = second.Results.Where(r => r.State == RowStatus.OutcomeUnknown).Select(r => r.Row).ToHashSet();
            foreach (var row in rows)
            {
                // Absolute rows too: an interrupted row is looked up before it is sent again.
                var applied = Applied(sandbox, row);
                if (unknown.Contains(row.Row)) Assert.InRange(applied, 0, 1);
                else Assert.True(applied == 1, $"row {row.Row} applied {applied} times");
            }
            Assert.DoesNotContain(sandbox.Host.AuthToken, File.ReadAllText(journal));
        }
        finally
        {
            File.Delete(journal);
        }
    }

    [Fact]
    public async Task An_edited_row_is_not_skipped_by_the_journal()
    {
        await using var sandbox = await CoreSandbox.StartAsync();
        var journal = Path.Combine(Path.GetTempPath(), $"impact-journal-{Guid.NewGuid():N}.jsonl");
        try
        {
            var row = Rows(sandbox, 1)[0];
            await RunAsync(sandbox, new FakeWriteHost(), new[] { row }, journal);
            var again = new FakeWriteHost();
            await RunAsync(sandbox, again, new[] { row }, journal);
            Assert.Equal(RowStatus.Skipped, Assert.Single(again.Results).State);

            row.Quantity = "1";
            var edited = new FakeWriteHost();
            await RunAsync(sandbox, edited, new[] { row }, journal);
            Assert.Equal(RowStatus.Queued, Assert.Single(edited.Results).State);
        }
        finally
        {
            File.Delete(journal);
        }
    }

    [Fact]
    public async Task An_API_refusal_fails_only_the_rows_of_its_request_and_names_the_field()
    {
        await using var sandbox = await CoreSandbox.StartAsync();
        var action = sandbox.Modifiable();
        var host = new FakeWriteHost();
        await RunAsync(sandbox, host, new[]
        {
            new ItemChangeInput { Row = 1, ActionId = action.Id, Sku = action.Items[0].Sku, Quantity = "0" },
            // Valid to Core (a 16-digit whole number), past the API's range for a tracker: refused with 400.
            new ItemChangeInput { Row = 2, ActionTrackerId = "9999999999999999", OrderId = "1", Sku = "1", Quantity = "1" },
        });
        var results = host.Results.ToDictionary(r => r.Row);
        Assert.Equal(RowStatus.Queued, results[1].State);
        Assert.Equal((RowStatus.Failed, "ApiRefused", "ActionTrackerId"), (results[2].State, results[2].ErrorId, results[2].Field));
        Assert.Contains("400", results[2].Message);
    }

    [Fact]
    public async Task A_rerun_that_cannot_look_up_a_lost_delta_reports_it_unknown_and_goes_on()
    {
        await using var sandbox = await CoreSandbox.StartAsync(connect: c => c.MaxRetries = 1);
        var rows = Rows(sandbox, 2).Take(2).ToList();
        rows[0].Quantity = "";
        rows[0].Delta = "-1.00";
        var journal = Path.Combine(Path.GetTempPath(), $"impact-journal-{Guid.NewGuid():N}.jsonl");
        try
        {
            // A journal as a killed run leaves it: the delta row marked Sending, its answer never read.
            var key = ItemChangeValidator.Validate(rows[0]).Change!.ContentKey + "#1";
            File.WriteAllText(journal, $"{{\"Key\":\"{key}\",\"Row\":1,\"Status\":\"Sending\",\"Payload\":\"ActionId={rows[0].ActionId}&Reason=ORDER_UPDATE&Sku={rows[0].Sku}&ItemSubTotalDelta=-1.00\",\"At\":\"{DateTimeOffset.UtcNow:O}\"}}\n");
            sandbox.Host.Behaviour = new BehaviourOptions { ProcessingDelay = TimeSpan.Zero, Faults = new FaultOptions { ServiceUnavailable = 1 } };
            var host = new FakeWriteHost();
            var run = new ItemChangeRun(sandbox.Client(), host, journal);
            await run.AddAsync(rows[0], default);
            await run.AddAsync(rows[1], default);
            await run.CompleteAsync(default);
            run.Dispose();

            var results = host.Results.ToDictionary(r => r.Row);
            Assert.Equal(2, results.Count);
            Assert.Equal(RowStatus.OutcomeUnknown, results[rows[0].Row].State);
            Assert.Equal(RowStatus.Failed, results[rows[1].Row].State);
            Assert.DoesNotContain(sandbox.Host.Requests.Since(0), r => r.Method == "PUT" && r.PathAndQuery.Contains("Actions") && r.StatusCode == 200);
        }
        finally
        {
            File.Delete(journal);
        }
    }
}
