using System;
using System.Collections.Generic;

namespace ImpactActions.Core.Journal;

/// <summary>What the journal knows of one request: its rows and scope, and its latest status.</summary>
public sealed class JournalRequest
{
    internal JournalRequest(string id) => Id = id;

    public string Id { get; }
    public JournalStatus Status { get; internal set; }
    public string? ActionId { get; internal set; }
    public long? ActionTrackerId { get; internal set; }
    public string? OrderId { get; internal set; }
    public IReadOnlyList<string> Skus { get; internal set; } = Array.Empty<string>();
    public IReadOnlyList<JournalRow> Rows { get; internal set; } = Array.Empty<JournalRow>();
    public string? Payload { get; internal set; }
    public string? BatchId { get; internal set; }
    public string? QueuedUri { get; internal set; }

    /// <summary>When it was sent (the Sending line's time).</summary>
    public DateTimeOffset SentAt { get; internal set; }

    /// <summary>Queued, and not yet seen complete: its change may still be waiting to be applied.</summary>
    public bool IsPending => Status == JournalStatus.Queued && BatchId is not null;

    /// <summary>Sent, and whether it was queued is not known.</summary>
    public bool IsUnknown => Status is JournalStatus.Sending or JournalStatus.OutcomeUnknown;

    public override string ToString() => $"{Id} {Status} {BatchId}";
}
