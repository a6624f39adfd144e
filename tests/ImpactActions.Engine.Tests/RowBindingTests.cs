using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using static ImpactActions.Engine.Tests.PowerShellEngine;

namespace ImpactActions.Engine.Tests;

/// <summary>
/// How each write cmdlet binds what users pipe in (docs/csv-format.md): every column accounted for, every
/// CSV shape on every cmdlet, one rule for two identities, and the module's own objects never writing back
/// what they listed. Judged by the sandbox's ledger and queue.
/// </summary>
public sealed class RowBindingTests : IClassFixture<EngineSandbox>
{
    private readonly EngineSandbox _sandbox;

    public RowBindingTests(EngineSandbox sandbox) => _sandbox = sandbox;

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_misspelled_column_fails_every_row_that_has_it_naming_what_it_meant_and_nothing_is_sent()
    {
        var a = _sandbox.TakeModifiable(2);
        var before = _sandbox.Host.Requests.Count;
        var rows = a.Select(x => CsvRow(("ActionId", x.Id), ("Sku", x.Items[0].Sku), ("Quantiy", "0"), ("Amount", "1.00"))).ToArray();

        var outcome = _sandbox.Engine.Run("$rows | Set-ImpactActionItem -ErrorAction SilentlyContinue -ErrorVariable problems; ,$problems", ("rows", rows));
        await _sandbox.DrainAsync();

        Assert.Equal(new[] { "Failed", "Failed" }, outcome.Output.Take(2).Select(o => o.Properties["Status"].Value.ToString()));
        Assert.All(outcome.Output.Take(2), o => Assert.Equal("Quantiy", o.Properties["Field"].Value));
        Assert.All(outcome.Output.Take(2), o => Assert.Contains("looks like Quantity", (string)o.Properties["Message"].Value));
        Assert.Equal(before, _sandbox.Host.Requests.Count);
    }

    [Theory]
    [InlineData("Action Id")]
    [InlineData("ActionId ")]
    [InlineData("action_id")]
    public void A_column_close_to_one_the_cmdlet_reads_is_named(string column)
    {
        var a = _sandbox.TakeModifiable(1)[0];
        var outcome = _sandbox.Engine.Run("$row | Set-ImpactActionItem -ErrorAction SilentlyContinue", ("row", CsvRow((column, a.Id), ("Sku", a.Items[0].Sku), ("Quantity", "1"))));
        var result = Assert.Single(outcome.Output);
        Assert.Equal("Failed", result.Properties["Status"].Value.ToString());
        Assert.Contains($"Column '{column}'", (string)result.Properties["Message"].Value);
        Assert.Contains("looks like ActionId", (string)result.Properties["Message"].Value);
    }

    [Fact]
    public async Task A_column_nobody_reads_is_named_once_in_a_warning_and_the_rows_go()
    {
        var a = _sandbox.TakeModifiable(2);
        var rows = a.Select(x => CsvRow(("ActionId", x.Id), ("Sku", x.Items[0].Sku), ("Quantity", "1"), ("Notes", "from the returns desk"))).ToArray();
        var outcome = _sandbox.Engine.Run("$rows | Set-ImpactActionItem", ("rows", rows)).ThrowIfFailed();
        await _sandbox.DrainAsync();
        Assert.Equal(new[] { "Queued", "Queued" }, outcome.Values("Status"));
        Assert.Contains("column Notes", Assert.Single(outcome.Warnings));
    }

    [Theory]
    [InlineData("Refund Amount")]
    [InlineData("Return Qty")]
    [InlineData("Sale Amount")]
    [InlineData("PriceChange")]
    public void A_column_that_looks_like_money_or_a_quantity_is_a_row_error_not_a_warning(string column)
    {
        var a = _sandbox.TakeModifiable(1)[0];
        var start = _sandbox.Host.Requests.Count;
        var outcome = _sandbox.Engine.Run("$row | Set-ImpactActionItem -ErrorAction SilentlyContinue",
            ("row", CsvRow(("ActionId", a.Id), ("Sku", a.Items[0].Sku), ("Quantity", "1"), (column, "5.00"))));
        var result = Assert.Single(outcome.Output);
        Assert.Equal(("Failed", column), (result.Properties["Status"].Value.ToString(), (string)result.Properties["Field"].Value));
        Assert.DoesNotContain(_sandbox.Host.Requests.Since(start), r => r.Method == "PUT");
    }

    [Fact]
    public void Two_columns_that_give_one_field_different_values_are_a_row_error()
    {
        var a = _sandbox.TakeModifiable(2);
        var outcome = _sandbox.Engine.Run("$row | Set-ImpactActionItem -ErrorAction SilentlyContinue",
            ("row", CsvRow(("ActionId", a[0].Id), ("Id", a[1].Id), ("Sku", a[0].Items[0].Sku), ("Quantity", "1"))));
        var result = Assert.Single(outcome.Output);
        Assert.Equal(("Failed", "ActionId"), (result.Properties["Status"].Value.ToString(), (string)result.Properties["Field"].Value));
        Assert.Contains($"ActionId ('{a[0].Id}') and Id ('{a[1].Id}')", (string)result.Properties["Message"].Value);
    }

    [Fact]
    public async Task The_items_the_module_lists_give_only_their_identity_and_an_export_goes_back_only_trimmed_to_what_changed()
    {
        var a = _sandbox.TakeModifiable(1)[0];
        var outcome = _sandbox.Engine.Run(@"
Get-ImpactActionItem -ActionId $id | Set-ImpactActionItem -Quantity 0
# An exported item as Import-Csv gives it back: every property as text (Export-Csv is not in this engine; Pester does the files).
# Read while the return above waits in the queue: its listed Quantity and the rest are what the return will change.
$cells = [ordered]@{}
foreach ($p in (Get-ImpactActionItem -ActionId $id)[0].PSObject.Properties) { $cells[$p.Name] = ""$($p.Value)"" }
[pscustomobject]$cells | Set-ImpactActionItem -ErrorAction SilentlyContinue
$cells.Quantity = '2'
[pscustomobject]@{ ActionId = $cells.ActionId; Sku = $cells.Sku; Quantity = $cells.Quantity } | Set-ImpactActionItem", ("id", a.Id)).ThrowIfFailed();
        await _sandbox.DrainAsync();

        Assert.Equal(Enumerable.Repeat("Queued", a.Items.Count).Append("Failed").Append("Queued"), outcome.Values("Status"));
        var refused = outcome.Output[^2];
        Assert.Equal("SaleAmount", (string)refused.Properties["Field"].Value);
        Assert.Contains("would go back as listed", (string)refused.Properties["Message"].Value);
        Assert.Empty(outcome.Warnings);
        var payloads = _sandbox.Host.Queue.All().Where(s => s.Payload.Contains(a.Id, StringComparison.Ordinal)).Select(s => s.Payload).ToList();
        // Piped objects: only the Quantity asked for, none of the listed names, categories or rebates; the whole export sent nothing.
        Assert.All(payloads, p => Assert.DoesNotContain("ItemName", p));
        Assert.All(payloads, p => Assert.DoesNotContain("Category", p));
        Assert.Equal(new[] { ("Quantity", "0"), ("Quantity", "2") }, _sandbox.Ledger(a.Id).Where(e => e.Sku == a.Items[0].Sku).Select(e => (e.Field, e.Value)));
    }

    [Fact]
    public void The_columns_of_a_DataRow_or_a_class_instance_are_accounted_for_as_a_CSV_rows_are()
    {
        var a = _sandbox.TakeModifiable(2);
        var start = _sandbox.Host.Requests.Count;
        var outcome = _sandbox.Engine.Run(@"
# What Invoke-Sqlcmd gives: DataRows, whose own properties (RowState, Table, ItemArray) are not columns.
$table = [System.Data.DataTable]::new()
'ActionId', 'Sku', 'Quantity', 'Amt' | ForEach-Object { [void]$table.Columns.Add($_) }
[void]$table.Rows.Add($first, $firstSku, '1', '10.00')
class Correction { [string] $ActionId; [string] $Sku; [string] $Quantity; [string] $SaleAmount }
$fromClass = [Correction]@{ ActionId = $second; Sku = $secondSku; Quantity = '1'; SaleAmount = '5.00' }
@($table.Rows[0]; $fromClass) | Set-ImpactActionItem -ErrorAction SilentlyContinue -WarningVariable warnings
@($warnings).Count",
            ("first", a[0].Id), ("firstSku", a[0].Items[0].Sku), ("second", a[1].Id), ("secondSku", a[1].Items[0].Sku));
        Assert.Equal(new[] { "Failed", "Failed" }, outcome.Values("Status").Take(2));
        Assert.Equal(new[] { "Amt", "SaleAmount" }, outcome.Values("Field").Take(2));
        Assert.Equal(0, (int)outcome.Output[^1].BaseObject);
        Assert.DoesNotContain(_sandbox.Host.Requests.Since(start), r => r.Method == "PUT");
    }

    [Fact]
    public void An_export_of_an_action_is_refused_before_its_listed_Amount_goes_back()
    {
        var a = _sandbox.TakeModifiable(1)[0];
        var start = _sandbox.Host.Requests.Count;
        var outcome = _sandbox.Engine.Run(@"
$cells = [ordered]@{}
foreach ($p in (Get-ImpactAction -ActionId $id).PSObject.Properties) { $cells[$p.Name] = ""$($p.Value)"" }
[pscustomobject]$cells | Set-ImpactAction -CustomerStatus EXISTING -ErrorAction SilentlyContinue", ("id", a.Id));
        var result = Assert.Single(outcome.Output);
        Assert.Equal("Failed", result.Properties["Status"].Value.ToString());
        Assert.Contains("Amount", (string)result.Properties["Message"].Value);
        Assert.Contains("would go back as listed", (string)result.Properties["Message"].Value);
        Assert.DoesNotContain(_sandbox.Host.Requests.Since(start), r => r.Method != "GET");
    }

    [Fact]
    public async Task A_blank_row_is_passed_over_and_the_rows_keep_their_numbers()
    {
        var a = _sandbox.TakeModifiable(2);
        var rows = new[]
        {
            CsvRow(("ActionId", a[0].Id), ("Sku", a[0].Items[0].Sku), ("Quantity", "1")),
            CsvRow(("ActionId", ""), ("Sku", ""), ("Quantity", "")),
            CsvRow(("ActionId", a[1].Id), ("Sku", a[1].Items[0].Sku), ("Quantity", "1")),
        };
        var outcome = _sandbox.Engine.Run("$rows | Set-ImpactActionItem -Verbose", ("rows", rows)).ThrowIfFailed();
        await _sandbox.DrainAsync();
        Assert.Equal(new[] { "1", "3" }, outcome.Values("Row"));
        Assert.Contains(outcome.Verbose, v => v.StartsWith("Row 2 is blank", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Undo_takes_a_tracker_and_order_CSV_and_an_empty_code_is_its_own_rows_error()
    {
        var a = _sandbox.TakeModifiable(3);
        var rows = new[]
        {
            CsvRow(("ActionTrackerId", Text(a[0].Tracker.Id)), ("OrderId", a[0].Oid), ("DispositionCode", "ITEM_RETURNED")),
            CsvRow(("ActionTrackerId", Text(a[1].Tracker.Id)), ("OrderId", a[1].Oid), ("DispositionCode", "")),
            CsvRow(("ActionTrackerId", Text(a[2].Tracker.Id)), ("OrderId", a[2].Oid), ("DispositionCode", "CONS_FRAUD")),
        };
        var outcome = _sandbox.Engine.Run("$rows | Undo-ImpactAction -Confirm:$false -ErrorAction SilentlyContinue", ("rows", rows));
        await _sandbox.DrainAsync();

        Assert.Equal(new[] { "1", "2", "3" }, outcome.Values("Row"));
        Assert.Equal(new[] { "Queued", "Failed", "Queued" }, outcome.Values("Status"));
        Assert.Equal("DispositionCode", outcome.Output[1].Properties["Field"].Value);
        Assert.Single(_sandbox.Ledger(a[0].Id), e => e.Field == "Reversal");
        Assert.Empty(_sandbox.Ledger(a[1].Id));
        Assert.Single(_sandbox.Ledger(a[2].Id), e => e.Field == "Reversal");
    }

    [Fact]
    public async Task Set_ImpactAction_takes_a_tracker_and_order_CSV_and_the_listed_actions_send_only_what_is_asked()
    {
        var a = _sandbox.TakeModifiable(2);
        var rows = new[] { CsvRow(("ActionTrackerId", Text(a[0].Tracker.Id)), ("Oid", a[0].Oid), ("Amount", "12.34")) };
        var outcome = _sandbox.Engine.Run(@"
$rows | Set-ImpactAction
Get-ImpactAction -ActionId $id | Set-ImpactAction -CustomerStatus EXISTING", ("rows", rows), ("id", a[1].Id)).ThrowIfFailed();
        await _sandbox.DrainAsync();

        Assert.Equal(new[] { "Queued", "Queued" }, outcome.Values("Status"));
        Assert.Contains(("Amount", "12.34"), _sandbox.Ledger(a[0].Id).Select(e => (e.Field, e.Value)));
        var listed = Assert.Single(_sandbox.Host.Queue.All(), s => s.Payload.Contains(a[1].Id, StringComparison.Ordinal)).Payload;
        Assert.Contains("CustomerStatus=EXISTING", listed);
        Assert.DoesNotContain("Amount", listed);
        Assert.DoesNotContain("OrderId", listed);
    }

    [Fact]
    public void Two_names_that_disagree_are_refused_naming_both_on_the_action_cmdlets()
    {
        var a = _sandbox.TakeModifiable(2);
        var before = _sandbox.Host.Queue.All().Count;
        var outcome = _sandbox.Engine.Run("Undo-ImpactAction -ActionId $id -ActionTrackerId $tracker -OrderId $order -DispositionCode OTHER -Confirm:$false -ErrorAction SilentlyContinue",
            ("id", a[0].Id), ("tracker", Text(a[1].Tracker.Id)), ("order", a[1].Oid));
        var result = Assert.Single(outcome.Output);
        Assert.Equal(("Failed", "ActionId"), (result.Properties["Status"].Value.ToString(), (string)result.Properties["Field"].Value));
        Assert.Contains(a[1].Oid, (string)result.Properties["Message"].Value);
        Assert.Equal(before, _sandbox.Host.Queue.All().Count);
    }

    [Fact]
    public void An_Amount_of_0_reverses_so_it_is_sent_only_when_confirmed_or_forced()
    {
        var a = _sandbox.TakeModifiable(1)[0];
        var outcome = _sandbox.Engine.Run("Set-ImpactAction -ActionId $id -Amount 0 -Force; Set-ImpactAction -ActionId $id -Reason RESET -Amount 10 -ErrorAction SilentlyContinue", ("id", a.Id));
        Assert.Equal(new[] { "Queued", "Failed" }, outcome.Values("Status"));
        Assert.Contains("takes no other change", (string)outcome.Output[1].Properties["Message"].Value);
    }

    [Fact]
    public void A_date_that_is_not_ISO_8601_is_refused_by_name_in_every_culture_and_an_ISO_one_is_taken()
    {
        var outcome = _sandbox.Engine.Run(@"
[System.Threading.Thread]::CurrentThread.CurrentCulture = 'de-DE'
Get-ImpactAction -CampaignId 1000 -StartDate '01.11.2026' -EndDate '2026-11-30'
Get-ImpactAction -CampaignId 1000 -StartDate '01/11/2026' -EndDate '2026-11-30'
@(Get-ImpactAction -CampaignId 1000 -StartDate '2026-05-01' -EndDate '2026-05-02T12:00:00Z' -First 1).Count");
        Assert.Equal(2, outcome.Errors.Count);
        Assert.All(outcome.Errors, e => Assert.Contains("is not an ISO 8601 date", e.Exception.Message));
        Assert.All(outcome.Errors, e => Assert.Contains("StartDate", e.Exception.Message));
        Assert.Null(outcome.TerminatingError);
    }
}
