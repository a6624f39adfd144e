using System;
using System.Management.Automation;
using ImpactActions.Core.Records;
using ImpactActions.Core.Submissions;

namespace ImpactActions.Cmdlets;

/// <summary>The processing state of writes: by BatchId, or by the QueuedUri any write's result carries.</summary>
[Cmdlet(VerbsCommon.Get, "ImpactSubmission", DefaultParameterSetName = ByIdSet)]
[OutputType(typeof(ImpactSubmission))]
public sealed class GetImpactSubmissionCommand : SubmissionCmdlet
{
    private SubmissionReader? _reader;

    protected override void BeginProcessing() => _reader = new SubmissionReader(Client());

    protected override void ProcessRecord()
    {
        foreach (var id in NamedSubmissions())
        {
            try
            {
                WriteObject(Await(_reader!.GetAsync(id, CancellationToken)));
            }
            catch (Exception e) when (IsReportable(e))
            {
                WriteError(ErrorFor(e, id));
            }
        }
    }
}
