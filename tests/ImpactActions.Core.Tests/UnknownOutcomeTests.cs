using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ImpactActions.Core.Submissions;
using ImpactActions.Core.Validation;
using ImpactActions.Core.Writing;
using ImpactActions.Sandbox;
using ImpactActions.Sandbox.Pipeline;

namespace ImpactActions.Core.Tests;

/// <summary>
/// Without the list of submissions (GET /APISubmissions answers 404), writes are waited for
/// by BatchId, and a relative change whose answer was lost is reported, never resent: not by the run,
/// not by a rerun with the journal, only when the user says -ResendUnknown.
/// </summary>
public sealed class UnknownOutcomeTests
{
    /// <summary>Exactly the first PUT is handled and then loses its answer; nothing else meets a fault.</summary>
    private static FaultOptions FirstAnswerLost() =>
        new() { Rules = new[] { new FaultRule { Method = "PUT", PathContains = "/Actions", Occurrence = 1, Kind = FaultKind.DropAfterHandling } } };

    private static async Task<FakeWriteHost> RunAsync(CoreSandbox sandbox, ItemChangeInput row, string journal, bool resendUnknown = false)
    {
        var host = new FakeWriteHost();
        using (var run = new ItemChangeRun(sandbox.Client(), host, journal) { ResendUnknown = resendUnknown })
        {
            await run.AddAsync(row, default);
            await run.CompleteAsync(default);
        }
        await sandbox.Host.Queue.WhenIdleAsync(TimeSpan.FromSeconds(30), default);
        return host;
    }

    /// <summary>The first attempt of each write is handled and its answer lost; every retry is then declined with a 429.</summary>
    private static FaultOptions HandledThenDeclined(string method) => new()
    {
        Rules = new[]
        {
            new FaultRule { Method = method, PathContains = "/Actions", Occurrence = 1, Kind = FaultKind.DropAfterHandling },
            new FaultRule { Method = method, PathContains = "/Actions", Occurrence = 0, Kind = FaultKind.TooManyRequests },
        },
    };

    [Fact]
    public async Task A_retried_item_write_whose_first_attempt_was_applied_is_never_reported_failed_by_a_later_429()
    {
        await using var sandbox = await CoreSandbox.StartAsync(configure: o => o.Behaviour.Faults = HandledThenDeclined("PUT"), connect: c => c.MaxRetries = 2);
        var action = sandbox.Modifiable();
        var host = await RunAsync(sandbox, new ItemChangeInput { Row = 1, ActionId = action.Id, Sku = action.Items[0].Sku, Quantity = "7" }, journal: null!);

        var result = Assert.Single(host.Results);
        Assert.Contains(result.State, new[] { RowStatus.Queued, RowStatus.OutcomeUnknown });
        Assert.Equal("7", sandbox.Host.Ledger.Entries(action.Id).Last(e => e.Field == "Quantity").Value);
    }

    [Fact]
    public async Task A_retried_reversal_whose_first_attempt_was_applied_is_never_reported_failed_by_a_later_429()
    {
        await using var sandbox = await CoreSandbox.StartAsync(configure: o => o.Behaviour.Faults = HandledThenDeclined("DELETE"), connect: c => c.MaxRetries = 2);
        var action = sandbox.Modifiable();
        var result = await new ActionChangeWriter(sandbox.Client(), new FakeWriteHost()).ReverseAsync(new ActionChangeInput { ActionId = action.Id, DispositionCode = "OTHER" }, default);
        await sandbox.Host.Queue.WhenIdleAsync(TimeSpan.FromSeconds(30), default);

        Assert.Contains(result.State, new[] { RowStatus.Queued, RowStatus.OutcomeUnknown });
        Assert.Equal(ImpactActions.Sandbox.Data.ActionState.REVERSED, sandbox.Host.Store.FindById(action.Id)!.State);
    }

    [Fact]
    public async Task Writes_are_waited_for_by_BatchId_when_the_API_has_no_list_and_the_list_is_asked_for_once()
    {
        await using var sandbox = await CoreSandbox.StartAsync(configure: o =>
        {
            o.Behaviour.SubmissionList = false;
            o.Behaviour.ProcessingDelay = TimeSpan.FromMilliseconds(100);
        });
        var client = sandbox.Client();
        var host = new FakeWriteHost();
        using (var run = new ItemChangeRun(client, host))
        {
            for (var i = 0; i < 4; i++)
            {
                var action = sandbox.Modifiable(skip: i);
                await run.AddAsync(new ItemChangeInput { Row = i + 1, ActionId = action.Id, Sku = action.Items[0].Sku, Quantity = "0" }, default);
            }
            await run.CompleteAsync(default);
        }
        var waiter = new SubmissionWaiter(client) { FirstPoll = TimeSpan.FromMilliseconds(50) };
        var first = await waiter.WaitAsync(host.Results.Select(r => r.BatchId!), TimeSpan.FromSeconds(30));
        var second = await waiter.WaitAsync(host.Results.Select(r => r.BatchId!), TimeSpan.FromSeconds(30));

        Assert.All(first.Concat(second), w => Assert.Equal(SubmissionWaitStatus.Complete, w.Status));
        var lists = sandbox.Host.Requests.Since(0).Where(r => r.PathAndQuery.Contains("/APISubmissions?")).ToList();
        Assert.Equal(404, Assert.Single(lists).StatusCode);
        Assert.Contains(sandbox.Log.Lines, l => l.Contains("The API has no list of submissions"));
    }

    [Fact]
    public async Task A_lost_delta_is_never_resent_by_a_rerun_unless_the_user_says_so()
    {
        await using var sandbox = await CoreSandbox.StartAsync(configure: o =>
        {
            o.Behaviour.SubmissionList = false;
            o.Behaviour.Faults = FirstAnswerLost();
        });
        var action = sandbox.Modifiable(where: a => a.Items[0].SaleAmount > 10m);
        var item = action.Items[0];
        ItemChangeInput Row() => new()
        {
            Row = 1, ActionId = action.Id, Sku = item.Sku, Quantity = item.Quantity.ToString(CultureInfo.InvariantCulture), Delta = "-2.00",
        };
        int Deltas() => sandbox.Host.Ledger.Entries(action.Id).Count(e => e.Field == "ItemSubTotalDelta");
        int Puts() => sandbox.Host.Requests.Since(0).Count(r => r.Method == "PUT");
        var journal = Path.Combine(Path.GetTempPath(), $"impact-unknown-{Guid.NewGuid():N}.jsonl");
        try
        {
            // 1. The answer is lost after the write was queued, and there is no list to find it in.
            var lost = Assert.Single((await RunAsync(sandbox, Row(), journal)).Results);
            Assert.Equal((RowStatus.OutcomeUnknown, "OutcomeUnknown"), (lost.State, lost.ErrorId));
            Assert.Equal((1, 1), (Puts(), Deltas()));

            // 2. The rerun with the journal does not send it again, and says how to check and how to resend.
            var rerun = Assert.Single((await RunAsync(sandbox, Row(), journal)).Results);
            Assert.Equal(RowStatus.OutcomeUnknown, rerun.State);
            Assert.Contains("-ResendUnknown", rerun.Message);
            Assert.Contains("Get-ImpactActionItem", rerun.Message);
            Assert.Equal((1, 1), (Puts(), Deltas()));

            // 3. Only the explicit switch sends it again (and here, where it had been applied, it is applied twice: the user's call).
            var resent = Assert.Single((await RunAsync(sandbox, Row(), journal, resendUnknown: true)).Results);
            Assert.Equal(RowStatus.Queued, resent.State);
            Assert.Equal((2, 2), (Puts(), Deltas()));
        }
        finally
        {
            File.Delete(journal);
        }
    }

    [Fact]
    public async Task A_503_on_a_delta_is_as_ambiguous_as_a_500_and_not_retried()
    {
        await using var sandbox = await CoreSandbox.StartAsync(configure: o => o.Behaviour.Faults = new FaultOptions { Seed = 3, ServiceUnavailable = 1 });
        var action = sandbox.Modifiable();
        var host = new FakeWriteHost();
        using (var run = new ItemChangeRun(sandbox.Client(), host))
        {
            await run.AddAsync(new ItemChangeInput { Row = 1, ActionId = action.Id, Sku = action.Items[0].Sku, Quantity = "1", Delta = "-1.00" }, default);
            await run.CompleteAsync(default);
        }
        var result = Assert.Single(host.Results);
        Assert.Equal(RowStatus.OutcomeUnknown, result.State);
        Assert.Single(sandbox.Host.Requests.Since(0), r => r.Method == "PUT");
    }
}
