using System;
using System.Collections.Generic;

namespace ImpactActions.Core.Journal;

public enum JournalStatus
{
    /// <summary>About to be sent; if nothing follows, the run stopped before it learned the outcome.</summary>
    Sending,

    /// <summary>The API accepted it: it has a BatchId. A rerun skips its rows.</summary>
    Queued,

    /// <summary>Sent, and the answer was lost; a rerun looks for its submission before sending again.</summary>
    OutcomeUnknown,

    /// <summary>Refused, or not sent; a rerun sends its rows again.</summary>
    Failed,

    /// <summary>Its submission completed without error: applied.</summary>
    Complete,

    /// <summary>Its submission completed with an error: nothing of it was applied; a rerun sends its rows again.</summary>
    SubmissionFailed,
}

/// <summary>One row of a journalled request: the row's key (its content and occurrence) and its position in its run.</summary>
public sealed class JournalRow
{
    public string Key { get; set; } = "";
    public long Row { get; set; }

    /// <summary>A relative change (a Delta, or a computed quantity): never sent again on a guess.</summary>
    public bool Relative { get; set; }

    /// <summary>
    /// What a row with a Delta or a QuantityChange asks for, whichever way it names its action (<see cref="Validation.ItemChange.EffectKey"/>),
    /// and how it named the action: a rerun knows the change again when the file was re-saved with the action named the
    /// other way or both ways.
    /// </summary>
    public string? Effect { get; set; }

    public string? ActionId { get; set; }
    public long? ActionTrackerId { get; set; }
    public string? OrderId { get; set; }
}

/// <summary>
/// One line of the journal: one event of one request (the rows sent together in one PUT). The line
/// that says it is being sent carries the rows, what the request touches and its body; later lines
/// of the same request carry only what changed. Never holds a credential.
/// </summary>
public sealed class JournalRecord
{
    /// <summary>The format: 2 for request lines (version 1 journals had a line per row).</summary>
    public int V { get; set; } = 2;

    /// <summary>The request this line is about.</summary>
    public string Request { get; set; } = "";

    public JournalStatus Status { get; set; }
    public string? ActionId { get; set; }
    public long? ActionTrackerId { get; set; }
    public string? OrderId { get; set; }

    /// <summary>The Skus the request touches.</summary>
    public List<string>? Skus { get; set; }

    public List<JournalRow>? Rows { get; set; }

    /// <summary>The form body, to find the request's submission when its answer was lost.</summary>
    public string? Payload { get; set; }

    /// <summary>Where the request went, on its Sending line: "AccountSid at https://host" (never a credential).</summary>
    public string? Account { get; set; }

    public string? BatchId { get; set; }
    public string? QueuedUri { get; set; }
    public DateTimeOffset At { get; set; }
    public string? Message { get; set; }

    // A version 1 line (one row): its key stands where version 2 has Rows.
    public string? Key { get; set; }
    public long? Row { get; set; }
}
