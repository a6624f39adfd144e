using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace ImpactActions.Cmdlets;

/// <summary>Get- and Wait-ImpactSubmission: submissions named by BatchId, or by the QueuedUri any write's result carries.</summary>
public abstract class SubmissionCmdlet : ImpactCmdlet
{
    protected const string ByIdSet = "ByBatchId";
    protected const string ByUriSet = "ByQueuedUri";

    [Parameter(Mandatory = true, ParameterSetName = ByIdSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] BatchId { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = ByUriSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] QueuedUri { get; set; } = Array.Empty<string>();

    /// <summary>This pipeline object's submissions, whichever way they were named.</summary>
    protected IEnumerable<string> Named
    {
        get
        {
            foreach (var given in ParameterSetName == ByIdSet ? BatchId : QueuedUri)
                yield return Identifier(ParameterSetName == ByIdSet ? nameof(BatchId) : nameof(QueuedUri), given);
        }
    }
}
