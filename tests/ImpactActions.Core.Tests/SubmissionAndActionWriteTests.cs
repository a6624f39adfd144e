using System;
using System.Linq;
using System.Threading.Tasks;
using ImpactActions.Core.Paging;
using ImpactActions.Core.Submissions;
using ImpactActions.Core.Writing;
using ImpactActions.Sandbox;
using ImpactActions.Sandbox.Data;
using ImpactActions.Sandbox.Pipeline;

namespace ImpactActions.Core.Tests;

public sealed class SubmissionAndActionWriteTests
{
    [Fact]
    public async Task Waiting_reports_complete_failed_and_unknown_submissions_with_their_codes()
    {
        await using var sandbox = await CoreSandbox.StartAsync(configure: o => o.Behaviour.ProcessingDelay = TimeSpan.FromMilliseconds(300));
        var client = sandbox.Client();
        var action = sandbox.Modifiable();
        var other = sandbox.Modifiable(skip: 1);
        var host = new FakeWriteHost();
        using (var run = new ItemChangeRun(client, host))
        {
            await run.AddAsync(new Validation.ItemChangeInput { Row = 1, ActionId = action.Id, Sku = action.Items[0].Sku, Quantity = "0" }, default);
            await run.AddAsync(new Validation.ItemChangeInput { Row = 2, ActionId = other.Id, Sku = "no-such-sku", Quantity = "0" }, default);
            await run.CompleteAsync(default);
        }
        var queued = host.Results.Select(r => r.QueuedUri!).ToList();
        var waiter = new SubmissionWaiter(client) { FirstPoll = TimeSpan.FromMilliseconds(100) };
        var results = await waiter.WaitAsync(queued.Append("A-00000000-0000-0000-0000-000000000000"), TimeSpan.FromSeconds(30));

        Assert.Equal(SubmissionWaitStatus.Complete, results[0].Status);
        Assert.Equal(SubmissionWaitStatus.Failed, results[1].Status);
        Assert.Equal("Validation", results[1].Submission!.ErrorType);
        Assert.Equal("SKU_NOT_FOUND", results[1].Submission!.ErrorReason);
        Assert.Contains("SKU_NOT_FOUND", results[1].Message);
        Assert.Equal(SubmissionWaitStatus.NotFound, results[2].Status);
    }

    [Fact]
    public async Task Waiting_gives_up_at_the_timeout_with_the_last_status_seen()
    {
        await using var sandbox = await CoreSandbox.StartAsync(configure: o => o.Behaviour.ProcessingDelay = TimeSpan.FromMinutes(5));
        var client = sandbox.Client();
        var action = sandbox.Modifiable();
        var result = await new ActionChangeWriter(client, new FakeWriteHost()).ReverseAsync(new ActionChangeInput { ActionId = action.Id, DispositionCode = "OTHER" }, default);
        var waiter = new SubmissionWaiter(client) { FirstPoll = TimeSpan.FromMilliseconds(50) };
        var waited = Assert.Single(await waiter.WaitAsync(new[] { result.BatchId! }, TimeSpan.FromMilliseconds(300)));
        Assert.Equal(SubmissionWaitStatus.TimedOut, waited.Status);
        Assert.Equal("Queued", waited.Submission!.Status);
        // Every read was answered: the message says what was seen, and never that a check failed (a read the wait's end
        // cut off, which a slow machine may see, is said as that).
        Assert.StartsWith("Still Queued after 0 s", waited.Message);
        Assert.DoesNotContain("failed", waited.Message);
    }

    [Fact]
    public async Task A_wait_ends_with_its_timeout_while_a_failing_status_read_is_still_being_retried()
    {
        // Every status read answers 503, and the connection retries a read with long pauses: the retries alone would
        // outlast the wait many times over.
        const int maxRetries = 3;
        await using var sandbox = await CoreSandbox.StartAsync(configure: o => o.Behaviour.Faults = new FaultOptions
        {
            Rules = new[] { new FaultRule { Method = "GET", PathContains = "/APISubmissions", Occurrence = 0, Kind = FaultKind.ServiceUnavailable } },
        }, connect: c =>
        {
            c.MaxRetries = maxRetries;
            c.RetryBaseDelay = TimeSpan.FromSeconds(2);
            c.MaxRetryDelay = TimeSpan.FromSeconds(10);
        });
        var client = sandbox.Client();
        var receipt = await new ActionChangeWriter(client, new FakeWriteHost()).UpdateAsync(new ActionChangeInput { ActionId = sandbox.Modifiable().Id, CustomerStatus = "EXISTING" }, default);
        Assert.Equal(RowStatus.Queued, receipt.State);
        var before = sandbox.Host.Requests.Count;

        var waited = Assert.Single(await new SubmissionWaiter(client) { FirstPoll = TimeSpan.FromMilliseconds(50) }
            .WaitAsync(new[] { receipt.BatchId! }, TimeSpan.FromMilliseconds(300)));

        // The read was cut off with the wait, its retries with it: fewer requests than one read's retries make.
        var reads = sandbox.Host.Requests.Since(before).Count(r => r.PathAndQuery.Contains("/APISubmissions", StringComparison.Ordinal));
        Assert.InRange(reads, 1, maxRetries);
        // Never read: what is unknown is its status, not its submission's fate.
        Assert.Equal(SubmissionWaitStatus.Unreadable, waited.Status);
        Assert.Contains("still unanswered when the wait ended", waited.Message);
    }

    [Fact]
    public async Task The_wrapped_submission_shape_reads_the_same()
    {
        await using var sandbox = await CoreSandbox.StartAsync(configure: o => o.Behaviour.Quirks.WrappedSubmission = true);
        var client = sandbox.Client();
        var action = sandbox.Modifiable();
        var receipt = await new ActionChangeWriter(client, new FakeWriteHost()).UpdateAsync(new ActionChangeInput { ActionId = action.Id, CustomerStatus = "EXISTING" }, default);
        await sandbox.Host.Queue.WhenIdleAsync(TimeSpan.FromSeconds(10), default);
        var submission = await new SubmissionReader(client).GetAsync(receipt.QueuedUri!);
        Assert.Equal(receipt.BatchId, submission.BatchId);
        Assert.True(submission.IsComplete);
        Assert.False(submission.IsFailed);
    }

    [Fact]
    public async Task A_reversal_needs_a_disposition_code_and_reverses_the_action()
    {
        await using var sandbox = await CoreSandbox.StartAsync(configure: o => o.Behaviour.CustomDispositionCodes = new[] { "LATE_RETURN" });
        var client = sandbox.Client();
        var writer = new ActionChangeWriter(client, new FakeWriteHost());
        var action = sandbox.Modifiable();

        var missing = await writer.ReverseAsync(new ActionChangeInput { ActionId = action.Id }, default);
        Assert.Equal((RowStatus.Failed, "InvalidRow", "DispositionCode"), (missing.State, missing.ErrorId, missing.Field));
        Assert.Equal(0, sandbox.Host.Requests.Count);

        // An account's own code is sent exactly as written, never upper-cased: the API is the judge of it.
        var misspelt = await writer.ReverseAsync(new ActionChangeInput { ActionId = action.Id, DispositionCode = "late_return" }, default);
        Assert.Equal((RowStatus.Failed, "ApiRefused", "DispositionCode"), (misspelt.State, misspelt.ErrorId, misspelt.Field));
        Assert.Contains(sandbox.Log.Lines, l => l.Contains("DispositionCode 'late_return' is not one of the documented codes; it is sent as written"));
        var custom = await writer.ReverseAsync(new ActionChangeInput { ActionId = action.Id, DispositionCode = "LATE_RETURN" }, default);
        Assert.Equal(RowStatus.Queued, custom.State);
        Assert.Contains("DispositionCode=LATE_RETURN", sandbox.Host.Queue.All().Single().Payload);
        await sandbox.Host.Queue.WhenIdleAsync(TimeSpan.FromSeconds(10), default);
        Assert.Equal(ActionState.REVERSED, sandbox.Host.Store.FindById(action.Id)!.State);

        var reader = new ActionReader(client, sandbox.Clock);
        Assert.Equal("REVERSED", (await reader.GetAsync(action.Id)).State);
    }

    [Fact]
    public async Task An_action_amount_change_goes_out_as_an_absolute_PUT()
    {
        await using var sandbox = await CoreSandbox.StartAsync();
        var action = sandbox.Modifiable();
        var host = new FakeWriteHost();
        var result = await new ActionChangeWriter(sandbox.Client(), host).UpdateAsync(new ActionChangeInput { ActionId = action.Id, Amount = "42.50" }, default);
        Assert.Equal(RowStatus.Queued, result.State);
        Assert.Contains("Amount=42.50", Assert.Single(host.Asked));
        await sandbox.Host.Queue.WhenIdleAsync(TimeSpan.FromSeconds(10), default);
        Assert.Equal(42.50m, sandbox.Host.Store.FindById(action.Id)!.Amount);
    }

    [Fact]
    public async Task Waiting_for_many_costs_a_list_request_per_round_not_one_per_submission()
    {
        await using var sandbox = await CoreSandbox.StartAsync(actions: 600);
        var client = sandbox.Client();
        var host = new FakeWriteHost();
        using (var run = new ItemChangeRun(client, host))
        {
            var now = sandbox.Host.Clock.Now;
            var row = 0;
            foreach (var action in sandbox.Host.Store.All().Where(a => !a.IsLockedAt(now) && a.State != ActionState.REVERSED).Take(30))
                await run.AddAsync(new Validation.ItemChangeInput { Row = ++row, ActionId = action.Id, Sku = action.Items[0].Sku, Quantity = "1" }, default);
            await run.CompleteAsync(default);
        }
        await sandbox.Host.Queue.WhenIdleAsync(TimeSpan.FromSeconds(10), default);
        var before = sandbox.Host.Requests.Count;

        var results = await new SubmissionWaiter(client).WaitAsync(host.Results.Select(r => r.BatchId!), TimeSpan.FromSeconds(30));

        Assert.Equal(30, results.Count);
        Assert.All(results, r => Assert.Equal(SubmissionWaitStatus.Complete, r.Status));
        Assert.Equal(1, sandbox.Host.Requests.Count - before);
    }
}
