using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Records;

namespace ImpactActions.Core.Submissions;

/// <summary>
/// Finds out whether a write whose answer was lost was queued after all: the API keeps each write's
/// form body as its submission's Payload, so the recent submissions are searched for the same body.
/// A submission already attributed to another request (by this process, this run or its journal) is never claimed twice,
/// and only submissions younger than the write (measured back from the newest the API lists, so no
/// shared clock is needed) count: an identical change sent yesterday is not mistaken for this one.
/// </summary>
public sealed class SubmissionReconciler
{
    private readonly SubmissionReader _reader;
    private readonly int _maxScanned;

    public SubmissionReconciler(SubmissionReader reader, int maxScanned = 6000)
    {
        _reader = reader;
        _maxScanned = maxScanned;
    }

    /// <summary>Clock differences and queueing between sending and the submission's date.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The submission with this body, not yet in <paramref name="claimed"/>, made at most
    /// <paramref name="sentAgo"/> (plus a margin) before the newest one; null if there is none.
    /// </summary>
    public async Task<ImpactSubmission?> FindAsync(string payload, TimeSpan sentAgo, ClaimedBatches claimed, CancellationToken cancellation)
    {
        try
        {
            return (await ScanAsync(payload, sentAgo, claimed, null, cancellation).ConfigureAwait(false)).Match;
        }
        catch (SubmissionListMissingException)
        {
            // Nothing to search: the caller treats "not found" as the outcome staying unknown.
            return null;
        }
    }

    /// <summary>
    /// For a write accepted on a retry (as <paramref name="retryBatchId"/>) after an earlier attempt's answer was lost:
    /// the earlier attempt's submission, the same body unclaimed within the window (claimed when found), and the
    /// retry's own as listed, which shows the list reached back to the retry. <see cref="EarlierAttemptSearch.Listed"/>
    /// is false when the API has no list.
    /// </summary>
    public async Task<EarlierAttemptSearch> FindEarlierAttemptAsync(string payload, TimeSpan sentAgo, string retryBatchId, ClaimedBatches claimed,
        CancellationToken cancellation)
    {
        try
        {
            var (match, retry) = await ScanAsync(payload, sentAgo, claimed, retryBatchId, cancellation).ConfigureAwait(false);
            return new EarlierAttemptSearch(match, retry, Listed: true);
        }
        catch (SubmissionListMissingException)
        {
            return new EarlierAttemptSearch(null, null, Listed: false);
        }
    }

    private async Task<(ImpactSubmission? Match, ImpactSubmission? Seen)> ScanAsync(string payload, TimeSpan sentAgo, ClaimedBatches claimed, string? seenBatchId,
        CancellationToken cancellation)
    {
        var wanted = Decode(payload);
        var scanned = 0;
        DateTimeOffset? oldestPossible = null;
        ImpactSubmission? match = null;
        ImpactSubmission? seen = null;
        await foreach (var submission in _reader.ListAsync(cancellation: cancellation).ConfigureAwait(false))
        {
            if (++scanned > _maxScanned) break;
            if (oldestPossible is null && submission.SubmissionDate is { } newest) oldestPossible = newest - sentAgo - Margin;
            if (submission.SubmissionDate < oldestPossible) break;
            if (seenBatchId is not null && string.Equals(submission.BatchId, seenBatchId, StringComparison.OrdinalIgnoreCase))
            {
                seen = submission;
                continue;
            }
            if (submission.BatchId is null || claimed.Contains(submission.BatchId) || submission.Payload is null) continue;
            // Newest first: keep going to the oldest unclaimed match, so repeated identical bodies are matched in order.
            if (Decode(submission.Payload).SequenceEqual(wanted)) match = submission;
        }
        if (match?.BatchId is not null) claimed.Add(match.BatchId);
        return (match, seen);
    }

    /// <summary>The body's pairs, decoded, so encoding differences (+ or %20) do not hide a match.</summary>
    private static List<KeyValuePair<string, string>> Decode(string body) =>
        body.Split('&').Where(p => p.Length > 0).Select(p =>
        {
            var equals = p.IndexOf('=');
            var key = equals < 0 ? p : p.Substring(0, equals);
            var value = equals < 0 ? "" : p.Substring(equals + 1);
            return new KeyValuePair<string, string>(WebUtility.UrlDecode(key), WebUtility.UrlDecode(value));
        }).ToList();
}

/// <summary>What <see cref="SubmissionReconciler.FindEarlierAttemptAsync"/> found.</summary>
public sealed record EarlierAttemptSearch(ImpactSubmission? Earlier, ImpactSubmission? Retry, bool Listed);
