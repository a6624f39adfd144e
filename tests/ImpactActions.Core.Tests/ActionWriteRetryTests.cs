using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ImpactActions.Core.Writing;
using ImpactActions.Sandbox;
using ImpactActions.Sandbox.Data;
using ImpactActions.Sandbox.Pipeline;
using ImpactActions.Sandbox.Queue;

namespace ImpactActions.Core.Tests;

/// <summary>
/// Set-ImpactAction and Undo-ImpactAction retried after a lost answer (docs/write-contract.md, rule 1): the lost attempt
/// may have been queued, and then it makes the change and the retry only repeats it (a repeated reversal fails
/// ACTION_ALREADY_REVERSED). The row follows the submission that makes the change, or says it cannot tell.
/// </summary>
public sealed class ActionWriteRetryTests
{
    /// <summary>The first write of <paramref name="method"/> is handled (queued) and its answer lost; the retry goes through.</summary>
    private static Task<CoreSandbox> StartAsync(string method, FaultKind kind = FaultKind.DropAfterHandling, bool list = true) =>
        CoreSandbox.StartAsync(configure: o =>
        {
            o.Behaviour.SubmissionList = list;
            o.Behaviour.Faults = new FaultOptions { Rules = new[] { new FaultRule { Method = method, PathContains = "/Actions", Occurrence = 1, Kind = kind } } };
        }, connect: c => c.MaxRetries = 2);

    /// <summary>The BatchIds the sandbox queued, in the order it queued them.</summary>
    private static List<string> Queued(CoreSandbox sandbox)
    {
        var order = new List<string>();
        sandbox.Host.Queue.Queued += s =>
        {
            lock (order) order.Add(s.BatchId);
        };
        return order;
    }

    private static Task<RowResult> SendAsync(CoreSandbox sandbox, string kind, string actionId)
    {
        var writer = new ActionChangeWriter(sandbox.Client(), new FakeWriteHost());
        return kind switch
        {
            "Undo" => writer.ReverseAsync(new ActionChangeInput { ActionId = actionId, DispositionCode = "CONS_FRAUD" }, default),
            "Amount0" => writer.UpdateAsync(new ActionChangeInput { ActionId = actionId, Amount = "0" }, default),
            _ => writer.UpdateAsync(new ActionChangeInput { ActionId = actionId, Reason = "RESET" }, default),
        };
    }

    [Theory]
    [InlineData("Undo", "DELETE")]
    [InlineData("Amount0", "PUT")]
    [InlineData("Reset", "PUT")]
    public async Task A_write_accepted_on_a_retry_after_a_lost_answer_reports_the_lost_attempts_submission_which_made_the_change(string kind, string method)
    {
        await using var sandbox = await StartAsync(method);
        var queued = Queued(sandbox);
        var action = sandbox.Modifiable(where: a => a.Amount > 0m);

        var result = await SendAsync(sandbox, kind, action.Id);
        await sandbox.Host.Queue.WhenIdleAsync(TimeSpan.FromSeconds(30), default);

        // Both attempts were queued: the lost one first.
        Assert.Equal(2, queued.Count);
        Assert.Equal(RowStatus.Queued, result.State);
        Assert.Equal(queued[0], result.BatchId);
        Assert.Contains(queued[1], result.Message);
        var reported = sandbox.Host.Queue.Find(result.BatchId!)!;
        Assert.Equal((SubmissionStatus.Complete, ""), (reported.Status, reported.ErrorReason));
        if (kind != "Reset")
        {
            Assert.Equal(ActionState.REVERSED, sandbox.Host.Store.FindById(action.Id)!.State);
            // The repeat is the submission that failed: following it would have said the reversal failed.
            Assert.NotEqual("", sandbox.Host.Queue.Find(queued[1])!.ErrorReason);
        }
    }

    [Fact]
    public async Task Without_a_list_to_find_the_lost_attempt_in_a_retried_reversal_is_OutcomeUnknown_naming_the_retry_and_what_to_check()
    {
        await using var sandbox = await StartAsync("DELETE", list: false);
        var queued = Queued(sandbox);
        var action = sandbox.Modifiable();

        var result = await SendAsync(sandbox, "Undo", action.Id);
        await sandbox.Host.Queue.WhenIdleAsync(TimeSpan.FromSeconds(30), default);

        Assert.Equal(2, queued.Count);
        Assert.Equal((RowStatus.OutcomeUnknown, "OutcomeUnknown"), (result.State, result.ErrorId));
        Assert.Null(result.BatchId);
        Assert.Contains(queued[1], result.Message);
        Assert.Contains("Get-ImpactAction", result.Message);
        Assert.Equal(ActionState.REVERSED, sandbox.Host.Store.FindById(action.Id)!.State);
        // A later computed value minds the attempt of unknown fate.
        Assert.Contains(sandbox.Connection.QueuedWrites.Touching(action.Id, action.Items[0].Sku), w => w.IsUnknown);
    }

    [Fact]
    public async Task A_retry_after_a_503_that_queued_nothing_is_Queued_as_the_retry()
    {
        await using var sandbox = await StartAsync("DELETE", FaultKind.ServiceUnavailable);
        var queued = Queued(sandbox);
        var action = sandbox.Modifiable();

        var result = await SendAsync(sandbox, "Undo", action.Id);
        await sandbox.Host.Queue.WhenIdleAsync(TimeSpan.FromSeconds(30), default);

        // The list reaches back to the retry and holds no earlier one: the retry is the write.
        Assert.Equal((RowStatus.Queued, Assert.Single(queued)), (result.State, result.BatchId));
        Assert.Null(result.Message);
        Assert.Equal(ActionState.REVERSED, sandbox.Host.Store.FindById(action.Id)!.State);
    }

    [Fact]
    public async Task A_reversal_whose_every_answer_was_lost_is_found_among_the_submissions()
    {
        await using var sandbox = await CoreSandbox.StartAsync(configure: o => o.Behaviour.Faults = new FaultOptions
        {
            Rules = new[] { new FaultRule { Method = "DELETE", PathContains = "/Actions", Occurrence = 1, Kind = FaultKind.DropAfterHandling } },
        }, connect: c => c.MaxRetries = 0);
        var queued = Queued(sandbox);
        var action = sandbox.Modifiable();

        var result = await SendAsync(sandbox, "Undo", action.Id);

        Assert.Equal((RowStatus.Queued, Assert.Single(queued)), (result.State, result.BatchId));
    }
}
