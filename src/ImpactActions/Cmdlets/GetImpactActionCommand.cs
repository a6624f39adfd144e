using System;
using System.Collections.Generic;
using System.Management.Automation;
using ImpactActions.Binding;
using ImpactActions.Completion;
using ImpactActions.Core.Paging;
using ImpactActions.Core.Records;
using ImpactActions.Session;

namespace ImpactActions.Cmdlets;

/// <summary>
/// Lists a campaign's actions over any date range (Core splits it into the API's 45-day windows), or
/// gets actions by ActionId. Records stream to the pipeline as each page arrives.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ImpactAction", DefaultParameterSetName = ListSet, SupportsPaging = true)]
[OutputType(typeof(ImpactAction))]
public sealed class GetImpactActionCommand : ImpactCmdlet
{
    private const string ListSet = "List";
    private const string ByIdSet = "ById";
    private const string ContinueSet = "Continue";

    [Parameter(Mandatory = true, ParameterSetName = ListSet, Position = 0)]
    [ValidateRange(1, long.MaxValue)]
    public long CampaignId { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ArgumentCompleter(typeof(StateCompleter))]
    [ValidateSet("PENDING", "APPROVED", "REVERSED", IgnoreCase = true)]
    public string? State { get; set; }

    /// <summary>Last-updated date from (the API's StartDate). Without any date, the last 7 days.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [DateInput]
    public DateTimeOffset? StartDate { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [DateInput]
    public DateTimeOffset? EndDate { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [DateInput]
    public DateTimeOffset? ActionDateStart { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [DateInput]
    public DateTimeOffset? ActionDateEnd { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [DateInput]
    public DateTimeOffset? LockingDateStart { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [DateInput]
    public DateTimeOffset? LockingDateEnd { get; set; }

    /// <summary>Records per request (the API takes 2,000 and up; 20,000 when not given).</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateRange(2000, int.MaxValue)]
    public int PageSize { get; set; }

    /// <summary>Move a start more than three years back to the earliest the API allows instead of refusing.</summary>
    [Parameter(ParameterSetName = ListSet)]
    public SwitchParameter ClampToThreeYears { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ByIdSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string[] ActionId { get; set; } = Array.Empty<string>();

    /// <summary>Goes on with the session's last listing where it stopped.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ContinueSet)]
    public SwitchParameter Continue { get; set; }

    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case ByIdSet:
                var reader = new ActionReader(Client());
                foreach (var given in ActionId)
                {
                    var id = Identifier(nameof(ActionId), given);
                    try
                    {
                        WriteObject(Await(reader.GetAsync(id, CancellationToken)));
                    }
                    catch (Exception e) when (IsReportable(e))
                    {
                        WriteError(ErrorFor(e, id));
                    }
                }
                break;
            case ContinueSet:
                if (ImpactSession.Current.LastListing is not { } last)
                {
                    ThrowTerminatingError(new ErrorRecord(new InvalidOperationException("There is no listing to continue in this session."),
                        "ImpactActions.NothingToContinue", ErrorCategory.InvalidOperation, null));
                    return;
                }
                List(last.Query, skip: last.Emitted);
                break;
            default:
                List(Query(), skip: 0);
                break;
        }
    }

    private ActionQuery Query() => new()
    {
        CampaignId = CampaignId,
        State = State?.ToUpperInvariant(),
        StartDate = StartDate,
        EndDate = EndDate,
        ActionDateStart = ActionDateStart,
        ActionDateEnd = ActionDateEnd,
        LockingDateStart = LockingDateStart,
        LockingDateEnd = LockingDateEnd,
        PageSize = MyInvocation.BoundParameters.ContainsKey(nameof(PageSize)) ? PageSize : null,
        ClampToThreeYears = ClampToThreeYears,
    };

    private void List(ActionQuery query, long skip)
    {
        var session = ImpactSession.Current;
        var reader = new ActionReader(Client());
        var windows = 0;
        reader.WindowStarted = window => Dispatcher.Post(() =>
            WriteProgress(new ProgressRecord(2, "Listing actions", $"Window {++windows}: {window}")));
        var toSkip = skip + (long)PagingParameters.Skip;
        var first = PagingParameters.First;
        ulong written = 0;
        long emitted = skip;
        var cursor = reader.OpenList(query, CancellationToken);
        try
        {
            while (written < first && Await(cursor.MoveNextAsync()))
            {
                emitted++;
                if (toSkip > 0)
                {
                    toSkip--;
                    continue;
                }
                written++;
                WriteObject(cursor.Current);
                // Kept as it goes, so -Continue works even after Select-Object -First stopped this listing.
                session.LastListing = new ListingPosition(query, emitted);
            }
        }
        catch (Exception e) when (IsReportable(e))
        {
            WriteError(ErrorFor(e, query));
        }
        finally
        {
            try
            {
                Await(cursor.DisposeAsync());
            }
            catch (PipelineStoppedException)
            {
            }
            WriteProgress(new ProgressRecord(2, "Listing actions", "Done") { RecordType = ProgressRecordType.Completed });
        }
        if (PagingParameters.IncludeTotalCount)
            WriteObject(PagingParameters.NewTotalCount((ulong)Math.Max(0, emitted - skip), 0.5));
    }
}
