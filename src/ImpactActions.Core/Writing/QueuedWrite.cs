using System;

namespace ImpactActions.Core.Writing;

/// <summary>
/// A write the module sent and has not seen complete: pending with its BatchId, or with an unknown
/// outcome (no BatchId: the answer was lost and its submission was not found).
/// </summary>
public sealed class QueuedWrite
{
    public QueuedWrite(WriteScope scope, string? batchId, DateTimeOffset sentAt, string origin, string? payload = null, string? journalRequest = null)
    {
        Scope = scope;
        BatchId = batchId;
        SentAt = sentAt;
        Origin = origin;
        Payload = payload;
        JournalRequest = journalRequest;
    }

    public WriteScope Scope { get; internal set; }

    /// <summary>Null while the outcome is unknown.</summary>
    public string? BatchId { get; internal set; }

    public DateTimeOffset SentAt { get; }

    /// <summary>Where it came from, for messages: "row 3" (of <see cref="Run"/>), "an earlier run (journal x)".</summary>
    public string Origin { get; }

    /// <summary>The run that sent it, when it was a run of this process: its rows are "of this run" only to that run.</summary>
    internal object? Run { get; init; }

    /// <summary>Where it came from, as <paramref name="reader"/> should say it: "row 3 of this run", or of another command of the session.</summary>
    internal string OriginSeenBy(object reader) =>
        Run is null ? Origin
        : ReferenceEquals(Run, reader) ? Origin + " of this run"
        : Origin + " of another command of this session (an earlier one, or one in another runspace)";

    /// <summary>The form body, to look for its submission while the outcome is unknown.</summary>
    public string? Payload { get; }

    /// <summary>The journal request it was recorded as, if any.</summary>
    public string? JournalRequest { get; }

    /// <summary>Whether its submission has been looked for since the outcome became unknown.</summary>
    internal bool LookedUp { get; set; }

    public bool IsUnknown => BatchId is null;

    public override string ToString() => $"{BatchId ?? "outcome unknown"} ({Origin}) {Scope}";
}
