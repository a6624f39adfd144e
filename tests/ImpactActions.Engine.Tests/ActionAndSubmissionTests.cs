using System;
using System.Linq;
using System.Threading.Tasks;
using ImpactActions.Sandbox;
using ImpactActions.Sandbox.Data;
using Xunit.Abstractions;

namespace ImpactActions.Engine.Tests;

/// <summary>Set-ImpactAction, Undo-ImpactAction, Get-ImpactSubmission and Wait-ImpactSubmission in the engine.</summary>
public sealed class ActionAndSubmissionTests : IClassFixture<EngineSandbox>
{
    private readonly EngineSandbox _sandbox;
    private readonly ITestOutputHelper _output;

    public ActionAndSubmissionTests(EngineSandbox sandbox, ITestOutputHelper output)
    {
        _sandbox = sandbox;
        _output = output;
    }

    [Fact]
    public void WhatIf_on_Set_and_Undo_sends_nothing()
    {
        var a = _sandbox.TakeModifiable(2);
        var before = _sandbox.Host.Requests.Count;
        var outcome = _sandbox.Engine.Run("Set-ImpactAction -ActionId $one -Amount 10.00 -WhatIf; Undo-ImpactAction -ActionId $two -DispositionCode OTHER -WhatIf",
            ("one", a[0].Id), ("two", a[1].Id)).ThrowIfFailed();
        Assert.Equal(new[] { "NotSent", "NotSent" }, outcome.Values("Status"));
        Assert.Equal(before, _sandbox.Host.Requests.Count);
    }

    [Fact]
    public void Errors_of_the_action_cmdlets_speak_of_the_action_and_recommend_only_what_they_have()
    {
        var a = _sandbox.TakeModifiable(1)[0];
        var before = _sandbox.Host.Requests.Count;
        var outcome = _sandbox.Engine.Run("Set-ImpactAction -ActionId $id -Amount '1,000.00' -ErrorAction SilentlyContinue -ErrorVariable problems; ,$problems", ("id", a.Id));
        var error = Assert.IsAssignableFrom<System.Collections.IEnumerable>(outcome.Output[^1].BaseObject).Cast<System.Management.Automation.ErrorRecord>().Single();
        Assert.StartsWith($"Action {a.Id}: Amount '1,000.00' reads as 1000.00", error.ErrorDetails.Message);
        Assert.DoesNotContain("Row", error.ErrorDetails.Message);
        Assert.DoesNotContain("JournalPath", error.ErrorDetails.RecommendedAction);
        Assert.DoesNotContain("row", error.ErrorDetails.RecommendedAction);
        Assert.Equal(before, _sandbox.Host.Requests.Count);
    }

    [Fact]
    public async Task Undo_with_Confirm_false_reverses_actions_piped_by_id_and_Set_changes_the_customer_status()
    {
        var a = _sandbox.TakeModifiable(3);
        var outcome = _sandbox.Engine.Run(
            "$ids | Undo-ImpactAction -DispositionCode ITEM_RETURNED -Confirm:$false; Set-ImpactAction -ActionId $third -CustomerStatus EXISTING",
            ("ids", new[] { a[0].Id, a[1].Id }), ("third", a[2].Id)).ThrowIfFailed();
        Assert.Equal(new[] { "Queued", "Queued", "Queued" }, outcome.Values("Status"));
        await _sandbox.DrainAsync();
        Assert.Equal(ActionState.REVERSED, _sandbox.Host.Store.FindById(a[0].Id)!.State);
        Assert.Equal(ActionState.REVERSED, _sandbox.Host.Store.FindById(a[1].Id)!.State);
        Assert.Equal("EXISTING", _sandbox.Host.Store.FindById(a[2].Id)!.CustomerStatus);
    }

    /// <summary>
    /// The hosted engine's default host cannot prompt (as pwsh -NonInteractive cannot): the Amount 0 row's confirmation
    /// cannot be asked, so that row alone is NotSent with an error naming -Force, and the rows around it are sent.
    /// </summary>
    [Fact]
    public async Task A_reversal_by_Amount_0_that_cannot_be_confirmed_is_NotSent_naming_Force_and_the_other_rows_go_on()
    {
        var a = _sandbox.TakeModifiable(3);
        var rows = new[]
        {
            PowerShellEngine.CsvRow(("ActionId", a[0].Id), ("Amount", "10.00")),
            PowerShellEngine.CsvRow(("ActionId", a[1].Id), ("Amount", "0")),
            PowerShellEngine.CsvRow(("ActionId", a[2].Id), ("Amount", "12.00")),
        };
        var outcome = _sandbox.Engine.Run("$rows | Set-ImpactAction", ("rows", rows));

        Assert.Null(outcome.TerminatingError);
        Assert.Equal(new[] { "Queued", "NotSent", "Queued" }, outcome.Values("Status"));
        var error = Assert.Single(outcome.Errors);
        Assert.StartsWith("ImpactActions.ConfirmationUnavailable,", error.FullyQualifiedErrorId);
        Assert.StartsWith($"Action {a[1].Id}: Not sent:", error.ErrorDetails.Message);
        Assert.Contains("-Force", error.ErrorDetails.Message);
        await _sandbox.DrainAsync();
        Assert.NotEqual(ActionState.REVERSED, _sandbox.Host.Store.FindById(a[1].Id)!.State);
        Assert.Equal(10.00m, _sandbox.Host.Store.FindById(a[0].Id)!.Amount);
        Assert.Equal(12.00m, _sandbox.Host.Store.FindById(a[2].Id)!.Amount);
    }

    /// <summary>ShouldProcess prompts too (Undo-ImpactAction's ConfirmImpact is High; -Confirm asks for every change): each row it cannot ask for is NotSent, naming -Confirm:$false.</summary>
    [Fact]
    public void Confirmations_ShouldProcess_cannot_ask_leave_every_row_NotSent_naming_Confirm_false()
    {
        var a = _sandbox.TakeModifiable(3);
        var before = _sandbox.Host.Requests.Count;
        var outcome = _sandbox.Engine.Run(
            "$ids | Undo-ImpactAction -DispositionCode CONS_FRAUD; Set-ImpactActionItem -ActionId $third -Sku $sku -Quantity 1 -Confirm",
            ("ids", new[] { a[0].Id, a[1].Id }), ("third", a[2].Id), ("sku", a[2].Items[0].Sku));

        Assert.Null(outcome.TerminatingError);
        Assert.Equal(new[] { "NotSent", "NotSent", "NotSent" }, outcome.Values("Status"));
        Assert.Equal(3, outcome.Errors.Count);
        Assert.All(outcome.Errors, e =>
        {
            Assert.StartsWith("ImpactActions.ConfirmationUnavailable,", e.FullyQualifiedErrorId);
            Assert.Contains("-Confirm:$false", e.ErrorDetails.Message);
        });
        Assert.DoesNotContain(_sandbox.Host.Requests.Since(before), r => r.Method is "PUT" or "DELETE");
    }

    [Fact]
    public void A_failed_submission_Wait_ImpactSubmission_reports_recommends_correcting_the_change_not_a_row()
    {
        var a = _sandbox.TakeModifiable(1)[0];
        var outcome = _sandbox.Engine.Run(
            "Set-ImpactActionItem -ActionId $id -Sku 'NO-SUCH-SKU' -Quantity 1 | Wait-ImpactSubmission -Timeout 60 -ErrorAction SilentlyContinue -ErrorVariable problems; ,$problems",
            ("id", a.Id));
        var error = Assert.IsAssignableFrom<System.Collections.IEnumerable>(outcome.Output[^1].BaseObject).Cast<System.Management.Automation.ErrorRecord>().Single();
        Assert.StartsWith("ImpactActions.SubmissionFailed,", error.FullyQualifiedErrorId);
        Assert.Equal("Read the submission's ErrorReason, correct the change, and send it again.", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void Results_pipe_into_the_submission_cmdlets_naming_each_submission_once_and_passing_over_rows_never_queued()
    {
        var a = _sandbox.TakeModifiable(1)[0];
        var outcome = _sandbox.Engine.Run("""
            $results = @(
                [pscustomobject]@{ ActionId = $id; Sku = $a; Quantity = '1' }
                [pscustomobject]@{ ActionId = $id; Sku = $b; Quantity = '1' }
                [pscustomobject]@{ ActionId = $id; Sku = $a; Quantity = 'x' }
            ) | Set-ImpactActionItem -ErrorAction SilentlyContinue
            $results | Get-ImpactSubmission
            $results | Wait-ImpactSubmission -Timeout 60
            """, ("id", a.Id), ("a", a.Items[0].Sku), ("b", a.Items[1].Sku)).ThrowIfFailed();
        Assert.Equal(2, outcome.Output.Count);
        Assert.All(outcome.Output, o => Assert.Equal("ImpactActions.Core.Records.ImpactSubmission", o.BaseObject.GetType().FullName));
        Assert.Equal(outcome.Output[0].Properties["BatchId"].Value, outcome.Output[1].Properties["BatchId"].Value);
        Assert.Equal(2, outcome.Warnings.Count);
        Assert.All(outcome.Warnings, w => Assert.StartsWith("Row 3 (Failed) has no BatchId", w));
    }

    [Fact]
    public void An_action_piped_into_Get_ImpactSubmission_is_refused_without_asking_the_API_for_a_submission()
    {
        var a = _sandbox.TakeModifiable(1)[0];
        var start = _sandbox.Host.Requests.Count;
        var outcome = _sandbox.Engine.Run("Get-ImpactAction -ActionId $id | Get-ImpactSubmission -ErrorAction SilentlyContinue -ErrorVariable problems; ,$problems", ("id", a.Id));
        var error = Assert.IsAssignableFrom<System.Collections.IEnumerable>(outcome.Output[^1].BaseObject).Cast<System.Management.Automation.ErrorRecord>().Single();
        Assert.Equal("ImpactActions.NotASubmission,ImpactActions.Cmdlets.GetImpactSubmissionCommand", error.FullyQualifiedErrorId);
        Assert.DoesNotContain(_sandbox.Host.Requests.Since(start), r => r.PathAndQuery.Contains("/APISubmissions", StringComparison.Ordinal));
    }

    [Fact]
    public void Under_ErrorAction_Stop_every_completed_submission_comes_out_before_a_failed_one_stops_the_wait()
    {
        var a = _sandbox.TakeModifiable(2);
        var outcome = _sandbox.Engine.Run("""
            $failing = Set-ImpactActionItem -ActionId $first -Sku 'NO-SUCH-SKU' -Quantity 1
            $applied = Set-ImpactActionItem -ActionId $second -Sku $sku -Quantity 1
            $failing, $applied | Wait-ImpactSubmission -Timeout 60 -ErrorAction Stop
            """, ("first", a[0].Id), ("second", a[1].Id), ("sku", a[1].Items[0].Sku));
        Assert.NotNull(outcome.TerminatingError);
        Assert.Contains("SKU_NOT_FOUND", outcome.TerminatingError!.Message);
        var submission = Assert.Single(outcome.Output);
        Assert.Equal("Complete", submission.Properties["Status"].Value?.ToString());
        Assert.True(string.IsNullOrEmpty(submission.Properties["ErrorType"].Value?.ToString()));
    }

    [Fact]
    public void A_rows_QueuedUri_pipes_into_Get_and_Wait_ImpactSubmission()
    {
        var a = _sandbox.TakeModifiable(1)[0];
        var outcome = _sandbox.Engine.Run("""
            $result = Set-ImpactActionItem -ActionId $id -Sku $sku -Quantity 1
            $result | Get-ImpactSubmission
            $result | Wait-ImpactSubmission -Timeout 60
            """, ("id", a.Id), ("sku", a.Items[0].Sku)).ThrowIfFailed();
        Assert.Equal(2, outcome.Output.Count);
        Assert.All(outcome.Output, o => Assert.Equal("ImpactActions.Core.Records.ImpactSubmission", o.BaseObject.GetType().FullName));
        Assert.Equal("Complete", outcome.Output[1].Properties["Status"].Value?.ToString());
        Assert.Equal(outcome.Output[0].Properties["BatchId"].Value, outcome.Output[1].Properties["BatchId"].Value);
    }

    [Fact]
    public async Task Stop_ends_a_wait_for_a_submission_that_never_completes()
    {
        // A sandbox of its own: its queue holds the never-ending submission, which would hold up the shared one's.
        await using var host = await EngineSandbox.StartAsync(seed: 5);
        host.Behaviour = new BehaviourOptions { ProcessingDelay = TimeSpan.FromHours(2) };
        using var engine = PowerShellEngine.Start();
        EngineSandbox.Connect(engine, host);
        var a = host.Store.All().First(x => !x.IsLockedAt(host.Clock.Now.AddDays(1)) && x.State != ActionState.REVERSED);
        var queued = engine.Run("Set-ImpactActionItem -ActionId $id -Sku $sku -Quantity 1", ("id", a.Id), ("sku", a.Items[0].Sku)).ThrowIfFailed();
        var batchId = queued.Values("BatchId").Single();
        var polls = host.Requests.Count;

        var (outcome, took) = engine.RunAndStop("Wait-ImpactSubmission -BatchId $batch -Timeout 3600", () => host.Requests.Count > polls, ("batch", batchId));

        _output.WriteLine($"Stop() returned after {took.TotalMilliseconds:0} ms");
        Assert.Empty(outcome.Output);
        Assert.Empty(outcome.Errors);
    }
}
