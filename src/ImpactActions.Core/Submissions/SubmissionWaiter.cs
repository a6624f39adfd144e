using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Http;
using ImpactActions.Core.Paging;
using ImpactActions.Core.Records;

namespace ImpactActions.Core.Submissions;

public enum SubmissionWaitStatus
{
    Complete,

    /// <summary>Complete with ErrorType or ErrorReason set: the API did not apply it.</summary>
    Failed,

    /// <summary>The API answered 404: unknown, or older than its retention.</summary>
    NotFound,

    TimedOut,

    /// <summary>Its status could not be read before the wait ended (the reads failed): whether it was applied is not known.</summary>
    Unreadable,
}

/// <summary>The end of one wait: the last state seen and what it means.</summary>
public sealed class SubmissionWaitResult
{
    public string BatchId { get; init; } = "";
    public SubmissionWaitStatus Status { get; init; }
    public ImpactSubmission? Submission { get; init; }
    public string Message { get; init; } = "";

    public override string ToString() => $"{BatchId}: {Status} {Message}";
}

/// <summary>
/// Waits for many submissions at once, then waits between rounds, the pause doubling up to the longest,
/// until all are Complete or the timeout. The documented way to read a submission is by its BatchId
/// ([SUBMISSIONS]), one request each: a round reads the pending ones in the order they were sent and
/// stops at the first still processing, since the ones sent after it are most likely still waiting
/// too, so each submission costs about one read. Where the API also answers the list of
/// recent submissions, a round reads that list instead (a request or two for thousands); where it
/// does not, the connection remembers it and waits by BatchId.
/// A read that fails (an outage of the status endpoint) never ends the wait with an exception: the round
/// stops there, the next round tries again, and a submission still unread at the end is
/// <see cref="SubmissionWaitStatus.Unreadable"/>, with the last error. Every read, with its retries and pacing,
/// is bounded by the time left of the wait, so a wait ends near its timeout however the reads fail; a read cut
/// off there is a status not read. Every submission seen complete is removed from the connection's queued writes.
/// </summary>
public sealed class SubmissionWaiter
{
    private readonly SubmissionReader _reader;
    private readonly Logging.IImpactLog _log;
    private readonly Writing.QueuedWrites _queued;

    public SubmissionWaiter(ImpactApiClient client)
    {
        _reader = new SubmissionReader(client);
        _log = client.Log;
        _queued = client.Connection.QueuedWrites;
    }

    public TimeSpan FirstPoll { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Recent submissions read per round, at most, when many are pending.</summary>
    public int MaxListed { get; set; } = 10_000;
    public TimeSpan LongestPoll { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Reports (done, total) after each round.</summary>
    public Action<int, int>? Progress { get; set; }

    /// <summary>The pending submissions among the most recent ones, from the list endpoint (a page answers for thousands).</summary>
    private async Task<Dictionary<string, ImpactSubmission>> ReadFromListAsync(IReadOnlyCollection<string> pending, CancellationToken cancellation)
    {
        var wanted = new HashSet<string>(pending, StringComparer.OrdinalIgnoreCase);
        var found = new Dictionary<string, ImpactSubmission>(StringComparer.OrdinalIgnoreCase);
        var scanned = 0;
        await foreach (var submission in _reader.ListAsync(cancellation: cancellation).ConfigureAwait(false))
        {
            if (submission.BatchId is { } id && wanted.Contains(id)) found[id] = submission;
            if (found.Count == wanted.Count || ++scanned >= MaxListed) break;
        }
        return found;
    }

    public async Task<IReadOnlyList<SubmissionWaitResult>> WaitAsync(IEnumerable<string> batchIdsOrUris, TimeSpan timeout, CancellationToken cancellation = default)
    {
        var ids = batchIdsOrUris.Select(SubmissionIds.BatchIdOf).Where(id => id.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var results = new Dictionary<string, SubmissionWaitResult>(StringComparer.OrdinalIgnoreCase);
        var lastSeen = new Dictionary<string, ImpactSubmission>(StringComparer.OrdinalIgnoreCase);
        var lastError = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? lastFailure = null;
        var timer = Stopwatch.StartNew();
        // Every read, retries included, ends with the wait: a status endpoint failing slowly cannot stretch it.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        if (timeout < TimeSpan.FromMilliseconds(int.MaxValue)) deadline.CancelAfter(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero);
        const string cutOff = "the last read was still unanswered when the wait ended; -Verbose shows its retries";
        var poll = FirstPoll;
        while (ids.Count > 0)
        {
            // A round that would begin as the wait ends reads nothing: no read is cut off, and none is said to have failed.
            if (deadline.IsCancellationRequested || timer.Elapsed >= timeout) break;
            var pending = ids.Where(id => !results.ContainsKey(id)).ToList();
            Dictionary<string, ImpactSubmission>? fromList = null;
            if (pending.Count > 1 && _reader.ListMayExist)
            {
                try
                {
                    fromList = await ReadFromListAsync(pending, deadline.Token).ConfigureAwait(false);
                }
                catch (SubmissionListMissingException)
                {
                    fromList = null;
                }
                catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                {
                    _log.Verbose($"The list of submissions was still being read when the wait of {timeout.TotalSeconds:0} s ended.");
                    lastFailure = cutOff;
                    break;
                }
                catch (Exception e) when (e is ImpactApiException or ImpactResponseException)
                {
                    _log.Verbose($"The list of submissions could not be read ({e.Message}); reading them by BatchId.");
                    fromList = null;
                }
            }
            foreach (var id in pending)
            {
                if (deadline.IsCancellationRequested) break;
                ImpactSubmission submission;
                try
                {
                    // One list request answers for many; one the list did not show is read on its own.
                    submission = fromList is not null && fromList.TryGetValue(id, out var listed) ? listed : await _reader.GetAsync(id, deadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                {
                    // The wait ended during the read (or its retries): this status was not read.
                    lastError[id] = lastFailure = cutOff;
                    _log.Verbose($"The status of submission {id} was still being read when the wait of {timeout.TotalSeconds:0} s ended.");
                    break;
                }
                catch (ImpactNotFoundException e)
                {
                    results[id] = new SubmissionWaitResult { BatchId = id, Status = SubmissionWaitStatus.NotFound, Message = e.Message };
                    _queued.Completed(id);
                    continue;
                }
                catch (Exception e) when (e is ImpactApiException or ImpactResponseException)
                {
                    // The status endpoint failing says nothing of the write: try again next round.
                    lastError[id] = lastFailure = e.Message;
                    _log.Verbose($"The status of submission {id} could not be read: {e.Message}");
                    break;
                }
                lastSeen[id] = submission;
                lastError.Remove(id);
                if (submission.IsFailed)
                    results[id] = new SubmissionWaitResult { BatchId = id, Status = SubmissionWaitStatus.Failed, Submission = submission, Message = $"{submission.ErrorType}: {submission.ErrorReason}" };
                else if (submission.IsComplete)
                    results[id] = new SubmissionWaitResult { BatchId = id, Status = SubmissionWaitStatus.Complete, Submission = submission };
                else if (fromList is null)
                    break; // by BatchId: the ones sent after this one are most likely still waiting too
                if (results.ContainsKey(id)) _queued.Completed(id);
            }
            Progress?.Invoke(results.Count, ids.Count);
            if (results.Count == ids.Count || deadline.IsCancellationRequested) break;
            var left = timeout - timer.Elapsed;
            if (left <= TimeSpan.Zero) break;
            var wait = poll < left ? poll : left;
            _log.Verbose($"{ids.Count - results.Count} of {ids.Count} submission(s) still processing; checking again in {wait.TotalSeconds:0.0} s.");
            await Task.Delay(wait, cancellation).ConfigureAwait(false);
            poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, LongestPoll.Ticks));
        }
        foreach (var id in ids.Where(id => !results.ContainsKey(id)))
        {
            var seen = lastSeen.TryGetValue(id, out var s) ? s : null;
            // Never read, while reads were failing: the status endpoint, not the submission, is what is known to be stuck.
            results[id] = seen is null && (lastError.TryGetValue(id, out var error) ? error : lastFailure) is { } failure
                ? new SubmissionWaitResult
                {
                    BatchId = id, Status = SubmissionWaitStatus.Unreadable,
                    Message = $"Its status could not be read within {timeout.TotalSeconds:0} s: {failure}",
                }
                : new SubmissionWaitResult
                {
                    BatchId = id, Status = SubmissionWaitStatus.TimedOut, Submission = seen,
                    Message = $"Still {seen?.Status ?? "unread"} after {timeout.TotalSeconds:0} s" + (!lastError.TryGetValue(id, out var later) ? "."
                        : later == cutOff ? " (its last status check was still unanswered when the wait ended)." : $" (the last status check failed: {later})."),
                };
        }
        return ids.Select(id => results[id]).ToList();
    }
}
