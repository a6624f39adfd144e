using System;

namespace ImpactActions.Core.Journal;

public enum JournalStatus
{
    /// <summary>About to be sent; if nothing follows, the run stopped before it learned the outcome.</summary>
    Sending,

    /// <summary>The API accepted it: it has a BatchId. A rerun skips it.</summary>
    Queued,

    /// <summary>Sent, and the answer was lost; a rerun looks for its submission before sending again.</summary>
    OutcomeUnknown,

    /// <summary>Refused or not sent; a rerun tries it again.</summary>
    Failed,
}

/// <summary>One line of the journal: what happened to one row. Never holds a credential.</summary>
public sealed class JournalEntry
{
    public string Key { get; set; } = "";
    public long Row { get; set; }
    public JournalStatus Status { get; set; }
    public string? BatchId { get; set; }
    public string? QueuedUri { get; set; }

    /// <summary>The form body the row was sent in, to find its submission when the answer was lost.</summary>
    public string? Payload { get; set; }

    public DateTimeOffset At { get; set; }
    public string? Message { get; set; }
}
