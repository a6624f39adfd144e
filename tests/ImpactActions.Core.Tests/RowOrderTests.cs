using System.Linq;
using ImpactActions.Core.Submissions;
using ImpactActions.Core.Writing;

namespace ImpactActions.Core.Tests;

public sealed class RowOrderTests
{
    private static RowResult Row(long row, RowStatus status = RowStatus.Queued) => new() { Row = row, Sequence = row, State = status, BatchId = "A-" + row };

    [Fact]
    public void Results_that_finish_out_of_order_come_out_in_row_order_as_soon_as_the_gap_closes()
    {
        var order = new RowOrder();
        Assert.Empty(order.Add(Row(2)));
        Assert.Empty(order.Add(Row(4)));
        Assert.Equal(new long[] { 1, 2 }, order.Add(Row(1)).Select(r => r.Row));
        Assert.Equal(new long[] { 3, 4 }, order.Add(Row(3)).Select(r => r.Row));
        Assert.Equal(new long[] { 5 }, order.Add(Row(5)).Select(r => r.Row));
    }

    [Theory]
    [InlineData(RowStatus.Queued, SubmissionWaitStatus.Complete, RowStatus.Applied, null)]
    [InlineData(RowStatus.Queued, SubmissionWaitStatus.Failed, RowStatus.Failed, "SubmissionFailed")]
    [InlineData(RowStatus.Queued, SubmissionWaitStatus.NotFound, RowStatus.OutcomeUnknown, "OutcomeUnknown")]
    [InlineData(RowStatus.Queued, SubmissionWaitStatus.TimedOut, RowStatus.Queued, "SubmissionTimedOut")]
    [InlineData(RowStatus.Skipped, SubmissionWaitStatus.Complete, RowStatus.Skipped, null)]
    [InlineData(RowStatus.Skipped, SubmissionWaitStatus.Failed, RowStatus.Failed, "SubmissionFailed")]
    [InlineData(RowStatus.Skipped, SubmissionWaitStatus.NotFound, RowStatus.OutcomeUnknown, "OutcomeUnknown")]
    [InlineData(RowStatus.Skipped, SubmissionWaitStatus.TimedOut, RowStatus.Skipped, "SubmissionTimedOut")]
    [InlineData(RowStatus.Skipped, SubmissionWaitStatus.Unreadable, RowStatus.Skipped, "SubmissionUnreadable")]
    public void After_a_wait_the_status_tells_the_outcome(RowStatus before, SubmissionWaitStatus waited, RowStatus after, string? errorId)
    {
        var result = Row(1, before).AfterWait(new SubmissionWaitResult { BatchId = "A-1", Status = waited, Message = "Validation: SKU_NOT_FOUND" });
        Assert.Equal((after, errorId), (result.State, result.ErrorId));
        Assert.Equal(waited == SubmissionWaitStatus.Complete ? "Complete" : waited.ToString(), result.SubmissionStatus);
    }
}
