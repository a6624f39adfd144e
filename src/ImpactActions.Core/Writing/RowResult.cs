using ImpactActions.Core.Errors;
using ImpactActions.Core.Submissions;

namespace ImpactActions.Core.Writing;

public enum RowStatus
{
    /// <summary>The API accepted the row's request; it has a BatchId. After a wait: still not processed when the wait ended.</summary>
    Queued,

    /// <summary>After a wait: the row's submission completed without error; the change is applied.</summary>
    Applied,

    /// <summary>A journal says an earlier run already had it accepted.</summary>
    Skipped,

    /// <summary>Invalid, refused by the API, or (after a wait) its submission completed with an error: nothing was applied.</summary>
    Failed,

    /// <summary>Sent, and the answer was lost: it may or may not be queued. A relative change is not resent.</summary>
    OutcomeUnknown,

    /// <summary>Not sent: the host declined (-WhatIf, or a "no" to a confirmation), or the run stopped before it (its error says why).</summary>
    NotSent,
}

/// <summary>What happened to one input row. Every row accepted from the user gets exactly one.</summary>
public sealed record RowResult
{
    public long Row { get; init; }

    /// <summary>The row's place among the rows the run was given, which orders the results.</summary>
    internal long Sequence { get; init; }
    public object? Source { get; init; }
    public string? ActionId { get; init; }
    public long? ActionTrackerId { get; init; }
    public string? OrderId { get; init; }
    public string? Sku { get; init; }
    /// <summary>What happened, for the module's own code; the pipeline sees it as <see cref="Status"/>.</summary>
    internal RowStatus State { get; init; }

    /// <summary>
    /// <see cref="State"/> by name (Queued, Applied, Skipped, Failed, OutcomeUnknown, NotSent): a string, so
    /// ConvertTo-Json and Export-Csv write the name on every PowerShell, not the enum's number.
    /// </summary>
    public string Status => State.ToString();
    public string? BatchId { get; init; }
    public string? QueuedUri { get; init; }

    /// <summary>The kind of failure, one of <see cref="ErrorKinds"/> (InvalidRow, ApiRefused, OutcomeUnknown, …), or null.</summary>
    public string? ErrorId { get; init; }

    /// <summary>The field at fault, when one is known.</summary>
    public string? Field { get; init; }

    public string? Message { get; init; }

    /// <summary>After waiting: the submission's final status (Complete, or the last seen), when the row was queued.</summary>
    public string? SubmissionStatus { get; init; }

    /// <summary>After waiting: the submission's ErrorType and ErrorReason, when processing failed.</summary>
    public string? SubmissionError { get; init; }

    /// <summary>
    /// The row once its submission was waited for: Queued becomes Applied or Failed (or OutcomeUnknown
    /// when the API no longer knows the BatchId) and stays Queued on a timeout or when its status could
    /// not be read, with an error saying so; Skipped (an earlier run's submission) the same, except that it
    /// stays Skipped once complete. Other rows are as they were.
    /// </summary>
    public RowResult AfterWait(SubmissionWaitResult waited)
    {
        var submissionStatus = waited.Status == SubmissionWaitStatus.Complete ? "Complete" : waited.Status.ToString();
        var error = waited.Status == SubmissionWaitStatus.Complete ? null : waited.Message;
        var waitedRow = this with { SubmissionStatus = submissionStatus, SubmissionError = error };
        return (State, waited.Status) switch
        {
            (RowStatus.Queued, SubmissionWaitStatus.Complete) => waitedRow with { State = RowStatus.Applied },
            (RowStatus.Queued or RowStatus.Skipped, SubmissionWaitStatus.Failed) => waitedRow with
            {
                State = RowStatus.Failed, ErrorId = ErrorKinds.SubmissionFailed.Id, Message = $"Submission {BatchId} was not applied: {waited.Message}",
            },
            (RowStatus.Queued or RowStatus.Skipped, SubmissionWaitStatus.NotFound) => waitedRow with
            {
                State = RowStatus.OutcomeUnknown, ErrorId = ErrorKinds.OutcomeUnknown.Id, Message = $"Submission {BatchId} is unknown to the API: {waited.Message}",
            },
            (RowStatus.Queued or RowStatus.Skipped, SubmissionWaitStatus.TimedOut) => waitedRow with
            {
                ErrorId = ErrorKinds.SubmissionTimedOut.Id, Message = $"Submission {BatchId}: {waited.Message}",
            },
            (RowStatus.Queued or RowStatus.Skipped, SubmissionWaitStatus.Unreadable) => waitedRow with
            {
                ErrorId = ErrorKinds.SubmissionUnreadable.Id, Message = $"Submission {BatchId} was accepted; {FirstLower(waited.Message)}",
            },
            _ => waitedRow,
        };
    }

    private static string FirstLower(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text.Substring(1);

    /// <summary>Whether the row gets an error record beside its result: Failed, OutcomeUnknown, or any row with an ErrorId.</summary>
    public bool IsError() => ErrorId is not null || State is RowStatus.Failed or RowStatus.OutcomeUnknown;

    public override string ToString() => $"row {Row}: {Status}{(BatchId is null ? "" : " " + BatchId)}{(Message is null ? "" : " - " + Message)}";
}
