using System;
using System.Collections.Generic;
using System.Management.Automation;
using ImpactActions.Core.Errors;
using ImpactActions.Core.Records;
using ImpactActions.Core.Submissions;
using ImpactActions.Host;

namespace ImpactActions.Cmdlets;

/// <summary>
/// Waits for many submissions at once (all the pipeline gives it) until each is Complete or the timeout
/// passes. Completed ones are output; a failed one is an error carrying its ErrorType and ErrorReason.
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "ImpactSubmission", DefaultParameterSetName = ByIdSet)]
[OutputType(typeof(ImpactSubmission))]
public sealed class WaitImpactSubmissionCommand : SubmissionCmdlet
{
    /// <summary>Seconds to wait for all of them (default 600).</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int Timeout { get; set; } = 600;

    private readonly List<string> _ids = new();

    protected override void ProcessRecord() => _ids.AddRange(NamedSubmissions());

    protected override void EndProcessing()
    {
        base.EndProcessing();
        if (_ids.Count == 0) return;
        var waiter = new SubmissionWaiter(Client())
        {
            Progress = (done, total) => Dispatcher.Post(() => WriteProgress(new ProgressRecord(ProgressIds.Submissions, ProgressIds.SubmissionsActivity, $"{done} of {total} complete"))),
        };
        foreach (var result in Await(waiter.WaitAsync(_ids, TimeSpan.FromSeconds(Timeout), CancellationToken)))
        {
            switch (result.Status)
            {
                case SubmissionWaitStatus.Complete:
                    WriteObject(result.Submission);
                    break;
                case SubmissionWaitStatus.Failed:
                    WriteError(ErrorCategories.Record(ErrorKinds.SubmissionFailed, new SubmissionFailedException(result.Submission!), result.Submission));
                    break;
                case SubmissionWaitStatus.NotFound:
                    WriteError(ErrorCategories.Record(ErrorKinds.SubmissionNotFound, new InvalidOperationException(result.Message), result.BatchId));
                    break;
                default:
                    WriteError(ErrorCategories.Record(ErrorKinds.SubmissionTimedOut, new TimeoutException($"{result.BatchId}: {result.Message}"), result.Submission ?? (object)result.BatchId));
                    break;
            }
        }
        WriteProgress(new ProgressRecord(ProgressIds.Submissions, ProgressIds.SubmissionsActivity, "Done") { RecordType = ProgressRecordType.Completed });
    }
}

/// <summary>A submission the API completed without applying: its ErrorType and ErrorReason say why.</summary>
public sealed class SubmissionFailedException : Exception
{
    public SubmissionFailedException(ImpactSubmission submission)
        : base($"Submission {submission.BatchId} failed: {submission.ErrorType}: {submission.ErrorReason}")
    {
        Submission = submission;
        ErrorType = submission.ErrorType ?? "";
        ErrorReason = submission.ErrorReason ?? "";
    }

    public ImpactSubmission Submission { get; }
    public string ErrorType { get; }
    public string ErrorReason { get; }
}
