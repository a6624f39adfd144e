using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ImpactActions.Core.Errors;
using ImpactActions.Core.Records;
using ImpactActions.Host;
using ImpactActions.Core.Writing;

namespace ImpactActions.Cmdlets;

/// <summary>
/// Get- and Wait-ImpactSubmission: submissions named by BatchId, by the QueuedUri any write's result
/// carries, or by what the pipeline gives. A write's results name each submission once however many rows
/// it held; a row that was never queued (no BatchId) is passed over with one warning naming it; a
/// BatchId string is a BatchId; an action or an item is refused, since it names no submission.
/// </summary>
public abstract class SubmissionCmdlet : ImpactCmdlet
{
    protected const string ByIdSet = "ByBatchId";
    protected const string ByUriSet = "ByQueuedUri";

    /// <summary>What the pipeline gives: a write's result, a submission, a BatchId string, a CSV row with a BatchId or QueuedUri column.</summary>
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    public PSObject? InputObject { get; set; }

    [Parameter(ParameterSetName = ByIdSet, Position = 0, ValueFromPipelineByPropertyName = true)]
    [AllowNull, AllowEmptyCollection, AllowEmptyString]
    public string?[]? BatchId { get; set; }

    [Parameter(ParameterSetName = ByUriSet, ValueFromPipelineByPropertyName = true)]
    [AllowNull, AllowEmptyCollection, AllowEmptyString]
    public string?[]? QueuedUri { get; set; }

    private readonly HashSet<string> _named = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _passedOver = new();
    private bool _given;
    private bool _piped;

    /// <summary>This pipeline object's submissions not named before, whichever way they were named.</summary>
    protected IReadOnlyList<string> NamedSubmissions() => Once(Given()).ToList();

    /// <summary>Says which inputs named no submission; and, when nothing named any, that a submission must be named.</summary>
    protected override void EndProcessing()
    {
        if (_passedOver.Count > 0)
            WriteWarning($"{string.Join(", ", _passedOver)} {(_passedOver.Count == 1 ? "has" : "have")} no BatchId (never queued), so there is no submission to read for {(_passedOver.Count == 1 ? "it" : "them")}; passed over.");
        if (!_given && !_piped)
            WriteError(ErrorCategories.Record(ErrorKinds.NoSubmissionNamed, new ArgumentException("Name a submission: -BatchId, -QueuedUri, or pipe the results of a write cmdlet."), null));
    }

    private IEnumerable<string> Given()
    {
        _piped |= InputObject is not null;
        switch (InputObject?.BaseObject)
        {
            case null:
                return FromParameters();
            case string text:
                return new[] { text };
            case RowResult result:
                if (result.BatchId is { Length: > 0 } id) return new[] { id };
                _passedOver.Add($"Row {result.Row} ({result.Status})");
                return Array.Empty<string>();
            case ImpactSubmission submission when submission.BatchId is { Length: > 0 } batchId:
                return new[] { batchId };
            case ImpactAction or ImpactActionItem:
                WriteError(ErrorCategories.Record(ErrorKinds.NotASubmission, new ArgumentException(
                        $"{(InputObject.BaseObject is ImpactAction ? "An action" : "An item")} names no submission: pipe the results of Set-ImpactActionItem, Set-ImpactAction or Undo-ImpactAction (each carries its BatchId), or give -BatchId."), InputObject));
                return Array.Empty<string>();
            default:
                var named = FromParameters().ToList();
                if (named.Count == 0) _passedOver.Add("An input without a BatchId or QueuedUri");
                return named;
        }
    }

    private IEnumerable<string> FromParameters() =>
        (ParameterSetName == ByUriSet ? QueuedUri : BatchId)?.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!) ?? Enumerable.Empty<string>();

    private IEnumerable<string> Once(IEnumerable<string> given)
    {
        foreach (var value in given)
        {
            _given = true;
            var id = Identifier(ParameterSetName == ByUriSet ? nameof(QueuedUri) : nameof(BatchId), value);
            // A QueuedUri ends with its BatchId: the two ways of naming one submission count once.
            if (_named.Add(id.TrimEnd('/').Split('/').Last())) yield return id;
        }
    }
}
