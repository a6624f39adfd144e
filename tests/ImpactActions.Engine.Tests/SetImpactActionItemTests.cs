using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using ImpactActions.Sandbox;
using ImpactActions.Sandbox.Pipeline;
using Xunit.Abstractions;
using static ImpactActions.Engine.Tests.PowerShellEngine;

namespace ImpactActions.Engine.Tests;

/// <summary>Import-Csv | Set-ImpactActionItem as users run it: string cells, empty cells, bad rows, -WhatIf, -ErrorAction, -Wait, Ctrl+C.</summary>
public sealed class SetImpactActionItemTests : IClassFixture<EngineSandbox>
{
    private readonly EngineSandbox _sandbox;
    private readonly ITestOutputHelper _output;

    public SetImpactActionItemTests(EngineSandbox sandbox, ITestOutputHelper output)
    {
        _sandbox = sandbox;
        _output = output;
    }

    [Fact]
    public async Task Csv_rows_of_strings_bind_by_name_and_an_empty_cell_means_not_given()
    {
        var a = _sandbox.TakeModifiable(3);
        var rows = new[]
        {
            CsvRow(("ActionId", a[0].Id), ("Sku", a[0].Items[0].Sku), ("Quantity", "0"), ("Delta", ""), ("Category", "")),
            CsvRow(("ActionId", a[1].Id), ("Sku", a[1].Items[0].Sku), ("Quantity", ""), ("Delta", "-2.50"), ("Category", "")),
            CsvRow(("ActionId", ""), ("ActionTrackerId", a[2].Tracker.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("OrderId", a[2].Oid), ("Sku", a[2].Items[1].Sku), ("Quantity", "1"), ("Delta", ""), ("Category", "Outdoor")),
        };

        var outcome = _sandbox.Engine.Run("$rows | Set-ImpactActionItem", ("rows", rows)).ThrowIfFailed();
        await _sandbox.DrainAsync();

        Assert.Equal(new[] { "Queued", "Queued", "Queued" }, outcome.Values("Status"));
        Assert.Equal(new[] { ("Quantity", "0") }, _sandbox.Ledger(a[0].Id).Select(e => (e.Field, e.Value)));
        // Quantity left empty: the item's current quantity goes with the delta, as the API requires.
        var current = a[1].Items[0].Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new[] { ("Quantity", current), ("ItemSubTotalDelta", "-2.50") }, _sandbox.Ledger(a[1].Id).Select(e => (e.Field, e.Value)));
        Assert.Contains(("Category", "Outdoor"), _sandbox.Ledger(a[2].Id).Select(e => (e.Field, e.Value)));
        Assert.Contains(("Quantity", "1"), _sandbox.Ledger(a[2].Id).Select(e => (e.Field, e.Value)));
    }

    [Fact]
    public void WhatIf_sends_nothing_and_says_what_it_would_send()
    {
        var a = _sandbox.TakeModifiable(2);
        var before = _sandbox.Host.Requests.Count;
        var rows = a.Select(x => CsvRow(("ActionId", x.Id), ("Sku", x.Items[0].Sku), ("Quantity", "0"))).ToArray();

        var outcome = _sandbox.Engine.Run("$rows | Set-ImpactActionItem -WhatIf", ("rows", rows)).ThrowIfFailed();

        Assert.Equal(new[] { "NotSent", "NotSent" }, outcome.Values("Status"));
        Assert.Equal(before, _sandbox.Host.Requests.Count);
        Assert.All(outcome.Values("Message"), m => Assert.Contains("Quantity=0", m));
    }

    [Theory]
    [InlineData("$rows | Set-ImpactActionItem -WhatIf")]
    [InlineData("& { $WhatIfPreference = $true; $rows | Set-ImpactActionItem }")]
    public void WhatIf_builds_a_later_row_on_the_rehearsed_change_of_its_item_and_sends_nothing(string script)
    {
        var a = _sandbox.TakeModifiable(1)[0];
        var item = a.Items[0];
        var (current, given) = (item.Quantity, item.Quantity + 6);
        var rows = new[]
        {
            CsvRow(("ActionId", a.Id), ("Sku", item.Sku), ("Quantity", Text(given)), ("QuantityChange", "")),
            CsvRow(("ActionId", a.Id), ("Sku", item.Sku), ("Quantity", ""), ("QuantityChange", "-1")),
        };
        var host = new CapturingHost();
        using var engine = PowerShellEngine.Start(host);
        EngineSandbox.Connect(engine, _sandbox.Host);
        var before = _sandbox.Host.Requests.Count;

        var outcome = engine.Run(script, ("rows", rows)).ThrowIfFailed();

        Assert.Equal(new[] { "NotSent", "NotSent" }, outcome.Values("Status"));
        Assert.DoesNotContain(_sandbox.Host.Requests.Since(before), r => r.Method != "GET");
        // The real run sends row 2 once row 1's write completed, so from row 1's quantity, not the item's current one.
        var whatIf = host.Lines.Where(l => l.StartsWith("What if:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, whatIf.Count);
        Assert.Contains($"({item.Sku} Quantity={given}) with Reason ORDER_UPDATE", whatIf[0]);
        Assert.Contains($"{item.Sku} Quantity={given - 1} ({given} - 1; {given} as rehearsed for row 1, not the current {current})", whatIf[1]);
    }

    [Fact]
    public async Task A_no_to_Confirm_is_not_built_upon_by_the_later_rows_of_its_item()
    {
        var a = _sandbox.TakeModifiable(1)[0];
        var item = a.Items.First(i => i.Quantity >= 1);
        var current = item.Quantity;
        var rows = new[]
        {
            CsvRow(("ActionId", a.Id), ("Sku", item.Sku), ("Quantity", Text(current + 6)), ("QuantityChange", "")),
            CsvRow(("ActionId", a.Id), ("Sku", item.Sku), ("Quantity", ""), ("QuantityChange", "-1")),
        };
        var host = new CapturingHost();
        host.Answer("No", "Yes");
        using var engine = PowerShellEngine.Start(host);
        EngineSandbox.Connect(engine, _sandbox.Host);

        var outcome = engine.Run("$rows | Set-ImpactActionItem -Confirm", ("rows", rows)).ThrowIfFailed();
        await _sandbox.DrainAsync();

        // Row 1 really was not sent: row 2 changes the item as it is.
        Assert.Equal(new[] { "NotSent", "Queued" }, outcome.Values("Status"));
        Assert.Equal(2, host.Prompts.Count);
        Assert.Contains($"{item.Sku} Quantity={current - 1} ({current} - 1)", host.Prompts[1]);
        Assert.Equal(new[] { ("Quantity", Text(current - 1)) }, _sandbox.Ledger(a.Id).Select(e => (e.Field, e.Value)));
    }

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Results_come_out_in_input_order_and_errors_name_row_field_and_target()
    {
        var a = _sandbox.TakeModifiable(2);
        var rows = new[]
        {
            CsvRow(("ActionId", a[0].Id), ("Sku", a[0].Items[0].Sku), ("Quantity", "1"), ("Delta", "")),
            CsvRow(("ActionId", a[1].Id), ("Sku", a[1].Items[0].Sku), ("Quantity", "3,5"), ("Delta", "")),
            CsvRow(("ActionId", a[1].Id), ("Sku", a[1].Items[1].Sku), ("Quantity", ""), ("Delta", "1.00")),
            CsvRow(("ActionId", a[0].Id), ("Sku", a[0].Items[1].Sku), ("Quantity", "0"), ("Delta", "")),
        };

        var before = _sandbox.Host.Requests.Count;
        var outcome = _sandbox.Engine.Run("$r = $rows | Set-ImpactActionItem -ErrorVariable rowErrors -ErrorAction SilentlyContinue; $r; ,$rowErrors", ("rows", rows));
        await _sandbox.DrainAsync();

        var results = outcome.Output.Take(4).ToList();
        Assert.Equal(new[] { "1", "2", "3", "4" }, results.Select(r => r.Properties["Row"].Value.ToString()));
        Assert.Equal(new[] { "Queued", "Failed", "Queued", "Queued" }, results.Select(r => r.Properties["Status"].Value.ToString()));
        var collected = ((System.Collections.IEnumerable)outcome.Output[4].BaseObject).Cast<object>().Select(e => (ErrorRecord)(e is PSObject p ? p.BaseObject : e)).ToList();
        var error = Assert.Single(collected);
        Assert.StartsWith("ImpactActions.InvalidRow,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.StartsWith("Row 2", error.Exception.Message);
        Assert.Contains("Quantity", error.ErrorDetails.Message);
        Assert.Equal("3,5", ((PSObject)error.TargetObject).Properties["Quantity"].Value);
        // The bad row did not split the batches: one request per action.
        Assert.Equal(2, _sandbox.Host.Requests.Since(before).Count(r => r.Method == "PUT"));
        Assert.Equal(2, _sandbox.Ledger(a[0].Id).Count);
        Assert.Single(_sandbox.Ledger(a[1].Id), e => e.Field == "ItemSubTotalDelta");
    }

    [Fact]
    public async Task ErrorAction_Stop_stops_at_the_first_bad_row_after_sending_the_rows_before_it_and_nothing_after()
    {
        var a = _sandbox.TakeModifiable(3);
        var rows = new[]
        {
            CsvRow(("ActionId", a[0].Id), ("Sku", a[0].Items[0].Sku), ("Quantity", "1")),
            CsvRow(("ActionId", a[1].Id), ("Sku", a[1].Items[0].Sku), ("Quantity", "-4")),
            CsvRow(("ActionId", a[2].Id), ("Sku", a[2].Items[0].Sku), ("Quantity", "1")),
            CsvRow(("ActionId", a[0].Id), ("Sku", a[0].Items[1].Sku), ("Quantity", "0")),
        };

        var outcome = _sandbox.Engine.Run("$rows | Set-ImpactActionItem -ErrorAction Stop", ("rows", rows));
        await _sandbox.DrainAsync();

        var stop = Assert.IsAssignableFrom<RuntimeException>(outcome.TerminatingError);
        Assert.Contains("Row 2", stop.Message);
        Assert.Equal(new[] { "Queued", "Failed" }, outcome.Values("Status"));
        Assert.Single(_sandbox.Ledger(a[0].Id));
        Assert.Empty(_sandbox.Ledger(a[1].Id));
        Assert.Empty(_sandbox.Ledger(a[2].Id));
        Assert.DoesNotContain(_sandbox.Host.Queue.All(), s => s.Payload.Contains(a[2].Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ErrorAction_Stop_with_Wait_waits_for_the_rows_before_the_bad_row_and_sends_nothing_after_it()
    {
        var a = _sandbox.TakeModifiable(3);
        var rows = new[]
        {
            CsvRow(("ActionId", a[0].Id), ("Sku", a[0].Items[0].Sku), ("Quantity", "1")),
            CsvRow(("ActionId", a[1].Id), ("Sku", a[1].Items[0].Sku), ("Quantity", "-4")),
            CsvRow(("ActionId", a[2].Id), ("Sku", a[2].Items[0].Sku), ("Quantity", "1")),
        };

        var outcome = _sandbox.Engine.Run("$rows | Set-ImpactActionItem -ErrorAction Stop -Wait -WaitTimeoutSeconds 60", ("rows", rows));
        await _sandbox.DrainAsync();

        Assert.Contains("Row 2", Assert.IsAssignableFrom<RuntimeException>(outcome.TerminatingError).Message);
        Assert.Equal(new[] { "Applied", "Failed" }, outcome.Values("Status"));
        Assert.Single(_sandbox.Ledger(a[0].Id));
        Assert.Empty(_sandbox.Ledger(a[2].Id));
        Assert.DoesNotContain(_sandbox.Host.Queue.All(), s => s.Payload.Contains(a[2].Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ErrorAction_Stop_with_Wait_gives_every_sent_row_its_result_before_an_unreadable_status_ends_the_run()
    {
        var a = _sandbox.TakeModifiable(2);
        var rows = new[]
        {
            CsvRow(("ActionId", a[0].Id), ("Sku", a[0].Items[0].Sku), ("Quantity", "1")),
            CsvRow(("ActionId", a[1].Id), ("Sku", a[1].Items[0].Sku), ("Quantity", "1")),
            CsvRow(("ActionId", a[1].Id), ("Sku", a[1].Items[1].Sku), ("Quantity", "0")),
        };

        ScriptOutcome outcome;
        using (_sandbox.Faults(new FaultRule { Method = "GET", PathContains = "/APISubmissions", Occurrence = 0, Kind = FaultKind.ServiceUnavailable }))
            outcome = _sandbox.Engine.Run("$rows | Set-ImpactActionItem -Wait -WaitTimeoutSeconds 2 -ErrorAction Stop", ("rows", rows));
        await _sandbox.DrainAsync();

        // Every row was sent before the wait began: each has its result, in input order, and then the first error ends the run.
        Assert.Equal(new[] { "1", "2", "3" }, outcome.Values("Row"));
        Assert.Equal(new[] { "Queued", "Queued", "Queued" }, outcome.Values("Status"));
        Assert.All(outcome.Values("ErrorId"), id => Assert.Equal("SubmissionUnreadable", id));
        Assert.Contains("Row 1", Assert.IsAssignableFrom<RuntimeException>(outcome.TerminatingError).Message);
        // What the results say stays true: all three were applied.
        Assert.Single(_sandbox.Ledger(a[0].Id));
        Assert.Equal(2, _sandbox.Ledger(a[1].Id).Count);
    }

    [Fact]
    public async Task ErrorAction_Stop_with_Wait_gives_every_sent_row_its_result_before_a_failed_submission_ends_the_run()
    {
        var a = _sandbox.TakeModifiable(2);
        var rows = new[]
        {
            CsvRow(("ActionId", a[0].Id), ("Sku", "NO-SUCH-SKU"), ("Quantity", "0")),
            CsvRow(("ActionId", a[1].Id), ("Sku", a[1].Items[0].Sku), ("Quantity", "1")),
            CsvRow(("ActionId", a[1].Id), ("Sku", a[1].Items[1].Sku), ("Quantity", "0")),
        };

        var outcome = _sandbox.Engine.Run("$rows | Set-ImpactActionItem -Wait -WaitTimeoutSeconds 60 -ErrorAction Stop", ("rows", rows));
        await _sandbox.DrainAsync();

        Assert.Equal(new[] { "Failed", "Applied", "Applied" }, outcome.Values("Status"));
        Assert.Equal(new[] { "SubmissionFailed", null, null }, outcome.Values("ErrorId"));
        var stop = Assert.IsAssignableFrom<RuntimeException>(outcome.TerminatingError);
        Assert.Contains("Row 1", stop.Message);
        Assert.Contains("SKU_NOT_FOUND", stop.Message);
        Assert.Empty(_sandbox.Ledger(a[0].Id));
        Assert.Equal(2, _sandbox.Ledger(a[1].Id).Count);
    }

    [Fact]
    public void A_journal_another_run_holds_is_a_terminating_error_before_anything_is_sent()
    {
        var a = _sandbox.TakeModifiable(1);
        var journal = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"engine-held-{Guid.NewGuid():N}.jsonl");
        try
        {
            using var held = new System.IO.FileStream(journal, System.IO.FileMode.Create, System.IO.FileAccess.ReadWrite, System.IO.FileShare.None);
            var before = _sandbox.Host.Requests.Count;
            var outcome = _sandbox.Engine.Run("$rows | Set-ImpactActionItem -JournalPath $journal",
                ("rows", new[] { CsvRow(("ActionId", a[0].Id), ("Sku", a[0].Items[0].Sku), ("Quantity", "1")) }), ("journal", journal));

            // A statement-terminating error: the script goes on, the command sent nothing.
            var error = Assert.Single(outcome.Errors);
            Assert.StartsWith("ImpactActions.JournalInUse", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceBusy, error.CategoryInfo.Category);
            Assert.Contains("-JournalPath", error.ErrorDetails.RecommendedAction);
            Assert.Empty(outcome.Output);
            Assert.Equal(before, _sandbox.Host.Requests.Count);
        }
        finally
        {
            System.IO.File.Delete(journal);
        }
    }

    [Fact]
    public void Wait_turns_each_row_into_its_outcome_Applied_or_Failed()
    {
        var a = _sandbox.TakeModifiable(2);
        var rows = new[]
        {
            CsvRow(("ActionId", a[0].Id), ("Sku", a[0].Items[0].Sku), ("Quantity", "0")),
            CsvRow(("ActionId", a[1].Id), ("Sku", "NO-SUCH-SKU"), ("Quantity", "0")),
        };

        var outcome = _sandbox.Engine.Run("$rows | Set-ImpactActionItem -Wait -WaitTimeoutSeconds 60", ("rows", rows));

        Assert.Equal(new[] { "Applied", "Failed" }, outcome.Values("Status"));
        Assert.Equal(new[] { "Complete", "Failed" }, outcome.Values("SubmissionStatus"));
        var error = Assert.Single(outcome.Errors);
        Assert.StartsWith("ImpactActions.SubmissionFailed,", error.FullyQualifiedErrorId);
        Assert.Contains("SKU_NOT_FOUND", error.Exception.Message);
    }

    [Fact]
    public void Stop_ends_a_run_whose_request_hangs_and_nothing_more_is_sent()
    {
        var a = _sandbox.TakeModifiable(3);
        var rows = a.Select(x => CsvRow(("ActionId", x.Id), ("Sku", x.Items[0].Sku), ("Quantity", "1"))).ToArray();
        var before = _sandbox.Host.Requests.Count;
        using (_sandbox.HangRequests())
        {
            var (outcome, took) = _sandbox.Engine.RunAndStop("$rows | Set-ImpactActionItem -MaxItemsPerRequest 1", () => _sandbox.Host.Requests.Count > before, ("rows", rows));
            _output.WriteLine($"Stop() returned after {took.TotalMilliseconds:0} ms");
            // The pipeline has ended, and the cmdlet's dispatcher returns only when Core's work has completed: what the
            // sandbox has seen is all the run will ever send. The first row's PUT hung; the other two never went.
            Assert.Equal(new[] { "PUT" }, _sandbox.Host.Requests.Since(before).Select(r => r.Method).ToArray());
            Assert.Empty(outcome.Errors);
        }
    }
}
