using System;
using System.Management.Automation;
using ImpactActions.Core.Records;
using ImpactActions.Core.Submissions;

namespace ImpactActions.Cmdlets;

/// <summary>The processing state of writes: by BatchId, or by the QueuedUri any write's result carries.</summary>
[Cmdlet(VerbsCommon.Get, "ImpactSubmission", DefaultParameterSetName = ByIdSet)]
[OutputType(typeof(ImpactSubmission))]
public sealed class GetImpactSubmissionCommand : ImpactCmdlet
{
    private const string ByIdSet = "ByBatchId";
    private const string ByUriSet = "ByQueuedUri";

    [Parameter(Mandatory = true, ParameterSetName = ByIdSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] BatchId { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = ByUriSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] QueuedUri { get; set; } = Array.Empty<string>();

    private SubmissionReader? _reader;

    protected override void BeginProcessing() => _reader = new SubmissionReader(Client());

    protected override void ProcessRecord()
    {
        foreach (var id in ParameterSetName == ByIdSet ? BatchId : QueuedUri)
        {
            try
            {
                WriteObject(Await(_reader!.GetAsync(id, CancellationToken)));
            }
            catch (Exception e) when (e is not PipelineStoppedException && StoppedIf(e) is null)
            {
                WriteError(ErrorFor(e, id));
            }
        }
    }
}
