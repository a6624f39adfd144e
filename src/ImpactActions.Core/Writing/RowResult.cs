namespace ImpactActions.Core.Writing;

public enum RowStatus
{
    /// <summary>The API accepted the row's request; it has a BatchId.</summary>
    Queued,

    /// <summary>A journal says an earlier run already had it accepted.</summary>
    Skipped,

    /// <summary>Invalid, or refused by the API: nothing was applied.</summary>
    Failed,

    /// <summary>Sent, and the answer was lost: it may or may not be queued. A relative change is not resent.</summary>
    OutcomeUnknown,

    /// <summary>Not sent because the host declined (-WhatIf, or a "no" to a confirmation).</summary>
    NotSent,
}

/// <summary>What happened to one input row. Every row accepted from the user gets exactly one.</summary>
public sealed record RowResult
{
    public long Row { get; init; }
    public object? Source { get; init; }
    public string? ActionId { get; init; }
    public long? ActionTrackerId { get; init; }
    public string? OrderId { get; init; }
    public string? Sku { get; init; }
    public RowStatus Status { get; init; }
    public string? BatchId { get; init; }
    public string? QueuedUri { get; init; }

    /// <summary>A stable identifier of the kind of failure (InvalidRow, ApiRefused, ApiUnavailable, OutcomeUnknown).</summary>
    public string? ErrorId { get; init; }

    /// <summary>The field at fault, when one is known.</summary>
    public string? Field { get; init; }

    public string? Message { get; init; }

    /// <summary>After waiting: the submission's final status (Complete, or the last seen), when the row was queued.</summary>
    public string? SubmissionStatus { get; init; }

    /// <summary>After waiting: the submission's ErrorType and ErrorReason, when processing failed.</summary>
    public string? SubmissionError { get; init; }

    public override string ToString() => $"row {Row}: {Status}{(BatchId is null ? "" : " " + BatchId)}{(Message is null ? "" : " - " + Message)}";
}
