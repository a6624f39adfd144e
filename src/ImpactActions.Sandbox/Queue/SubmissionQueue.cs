using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using ImpactActions.Sandbox.Data;
using ImpactActions.Sandbox.Ledger;

namespace ImpactActions.Sandbox.Queue;

/// <summary>
/// The APISubmissions queue: every accepted write becomes a submission that one worker applies in
/// arrival order, after the processing delay (the first half spent Queued, the second In Progress).
/// BatchIds and drawn delays follow from the data seed and the arrival order, so a test that makes the
/// same requests sees the same BatchIds.
/// </summary>
public sealed class SubmissionQueue : IAsyncDisposable
{
    private readonly ActionStore _store;
    private readonly ModificationLedger _ledger;
    private readonly SandboxClock _clock;
    private readonly Func<BehaviourOptions> _behaviour;
    private readonly ConcurrentDictionary<string, SubmissionRecord> _submissions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Channel<Pending> _channel = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _worker;
    private readonly int _seed;
    private readonly Random _delays;
    private long _sequence;
    private int _pending;

    public SubmissionQueue(ActionStore store, ModificationLedger ledger, SandboxClock clock, Func<BehaviourOptions> behaviour, int seed = 0)
    {
        _store = store;
        _ledger = ledger;
        _clock = clock;
        _behaviour = behaviour;
        _seed = seed;
        _delays = new Random(seed);
        _worker = Task.Run(RunAsync);
    }

    /// <summary>Called with each submission as it is queued, before the write is answered: a hook for in-process tests.</summary>
    public event Action<SubmissionRecord>? Queued;

    /// <summary>Writes accepted and not yet Complete.</summary>
    public int PendingCount => Volatile.Read(ref _pending);

    public SubmissionRecord Enqueue(string accountSid, WriteRequest request)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        var submission = new SubmissionRecord
        {
            BatchId = BatchId(sequence, _behaviour().Quirks.ShortBatchIds),
            AccountSid = accountSid,
            SubmissionDate = _clock.Timestamp,
            ActionTrackerId = request.Identity.TrackerId,
            OrderId = request.Identity.OrderId ?? "",
            Payload = request.Payload,
            Type = request.Kind == WriteKind.Reversal ? "Reversal" : "Modification",
        };
        _submissions[submission.BatchId] = submission;
        Interlocked.Increment(ref _pending);
        _channel.Writer.TryWrite(new Pending(submission.BatchId, request, Stopwatch.GetTimestamp(), Delay(_behaviour())));
        Queued?.Invoke(submission);
        return submission;
    }

    private TimeSpan Delay(BehaviourOptions behaviour)
    {
        if (behaviour.ProcessingDelayMax is not { } max || max <= behaviour.ProcessingDelay) return behaviour.ProcessingDelay;
        double share;
        lock (_delays) share = _delays.NextDouble();
        return behaviour.ProcessingDelay + (max - behaviour.ProcessingDelay) * share;
    }

    /// <summary><c>A-</c> and a GUID, or (the quirk) <c>A-</c>, 4 and 12 hex digits, as the help centre's examples show.</summary>
    private string BatchId(long sequence, bool shortForm)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"impact-sandbox/batch/{_seed}/{sequence}"));
        var guid = new Guid(hash.AsSpan(0, 16)).ToString("D");
        return shortForm ? $"A-{guid.Substring(9, 4)}-{guid.Substring(24)}" : "A-" + guid;
    }

    /// <summary>The submission, or null when unknown or older than the retention period.</summary>
    public SubmissionRecord? Find(string batchId)
    {
        if (!_submissions.TryGetValue(batchId, out var submission)) return null;
        return submission.SubmissionDate + _behaviour().SubmissionRetention < _clock.Now ? null : submission;
    }

    /// <summary>Submissions still within retention, newest first.</summary>
    public IReadOnlyList<SubmissionRecord> All()
    {
        var cutoff = _clock.Now - _behaviour().SubmissionRetention;
        return _submissions.Values.Where(s => s.SubmissionDate >= cutoff).OrderByDescending(s => s.SubmissionDate).ToList();
    }

    /// <summary>Waits until every accepted write is Complete (a test and benchmark hook).</summary>
    public async Task<bool> WhenIdleAsync(TimeSpan timeout, CancellationToken cancellation)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (PendingCount > 0)
        {
            if (Stopwatch.GetTimestamp() > deadline) return false;
            await Task.Delay(5, cancellation);
        }
        return true;
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var pending in _channel.Reader.ReadAllAsync(_stopping.Token))
            {
                await WaitUntil(pending, pending.Delay / 2);
                Update(pending.BatchId, s => s with { Status = SubmissionStatus.InProgress });
                await WaitUntil(pending, pending.Delay);
                Process(pending);
                Interlocked.Decrement(ref _pending);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private void Process(Pending pending)
    {
        var now = _clock.Timestamp;
        var outcome = ModificationApplier.Apply(_store, pending.Request, now, _behaviour().ModificationLimit);
        if (outcome.Updated is { } updated)
        {
            _store.Replace(updated);
            foreach (var change in outcome.Changes)
                _ledger.Append(pending.BatchId, updated.Id, change.Sku, change.Field, change.Value, now);
        }
        var action = outcome.Action;
        Update(pending.BatchId, s => s with
        {
            Status = SubmissionStatus.Complete,
            CompletionDate = now,
            CampaignId = action?.Campaign.Id,
            ActionTrackerId = action?.Tracker.Id ?? s.ActionTrackerId,
            MediaPartnerId = action?.Partner.Id,
            EventCode = action?.Tracker.EventCode ?? "",
            OrderId = action?.Oid ?? s.OrderId,
            ErrorType = outcome.ErrorType,
            ErrorReason = outcome.ErrorReason,
        });
    }

    private async Task WaitUntil(Pending pending, TimeSpan afterEnqueue)
    {
        var remaining = afterEnqueue - Stopwatch.GetElapsedTime(pending.EnqueuedAt);
        if (remaining > TimeSpan.Zero) await Task.Delay(remaining, _stopping.Token);
    }

    private void Update(string batchId, Func<SubmissionRecord, SubmissionRecord> change) =>
        _submissions.AddOrUpdate(batchId, _ => throw new InvalidOperationException(batchId), (_, s) => change(s));

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        _stopping.Cancel();
        await _worker;
        _stopping.Dispose();
    }

    private sealed record Pending(string BatchId, WriteRequest Request, long EnqueuedAt, TimeSpan Delay);
}
