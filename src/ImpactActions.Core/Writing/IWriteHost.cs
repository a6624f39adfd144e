using System.Threading.Tasks;

namespace ImpactActions.Core.Writing;

/// <summary>What Core asks of whoever runs a write (a cmdlet, or a test's fake).</summary>
public interface IWriteHost
{
    /// <summary>
    /// Whether to send: the cmdlet's ShouldProcess, and when it says no, why. <paramref name="target"/> names the
    /// action, <paramref name="operation"/> every field the request carries. Asynchronous, so that a pipeline that
    /// fails meanwhile cancels it instead of leaving a thread blocked.
    /// </summary>
    Task<SendDecision> ShouldSendAsync(string target, string operation);

    /// <summary>The final result of one input row: its output object. Core reports each row once, in input order.</summary>
    void Report(RowResult result);

    /// <summary>
    /// The error of a row whose result is an error (<see cref="RowResult.IsError"/>), after that row's
    /// <see cref="Report"/>: the cmdlet's error record, which under -ErrorAction Stop ends the run. Usually it comes
    /// right after its row; in a -Wait under Stop every row's result comes first (docs/write-contract.md, rule 4).
    /// </summary>
    void ReportError(RowResult result);

    /// <summary>Where the run is, for progress.</summary>
    void Progress(WriteProgress progress);
}

/// <summary>The host's answer to "send this?".</summary>
public enum SendDecision
{
    Send,

    /// <summary>
    /// Not sent, because the host only rehearses (-WhatIf): later rows of the run take it as sent, so a quantity they
    /// work out builds on the rehearsed one, as it would on the sent one in the real run.
    /// </summary>
    Rehearse,

    /// <summary>Not sent, and not to be taken as sent (a "no" to -Confirm): later rows build on the item as it is.</summary>
    Decline,

    /// <summary>
    /// Not sent, and not to be taken as sent: the host was to ask for confirmation and cannot (pwsh -NonInteractive, a
    /// scheduled task, a host without prompts). The row is an error, so an unattended run learns of it; the others go on.
    /// </summary>
    CannotAsk,
}

/// <summary>What a row not sent for want of a confirmation says.</summary>
public static class SendDecisions
{
    /// <summary>One sentence naming the parameter that sends without asking.</summary>
    public static string CannotAskMessage(string parameter = "-Confirm:$false") =>
        $"Not sent: the change needs a confirmation, which this session cannot ask for (it is not interactive), so give {parameter} to send it without asking.";
}

/// <summary>Where a run is: rows read, rows in requests sent, rows with a result, and what it is doing now.</summary>
public sealed record WriteProgress(long RowsRead, long RowsSent, long RowsAnswered, string Activity, bool Completed = false)
{
    public override string ToString() => $"{Activity}: {RowsAnswered} of {RowsRead} rows have a result, {RowsSent} sent";
}
