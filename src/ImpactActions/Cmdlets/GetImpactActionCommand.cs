using System;
using System.Linq;
using System.Collections.Generic;
using System.Management.Automation;
using ImpactActions.Binding;
using ImpactActions.Completion;
using ImpactActions.Core.Errors;
using ImpactActions.Core.Paging;
using ImpactActions.Core.Records;
using ImpactActions.Host;
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

    /// <summary>The campaign; the campaigns of the actions the session listed tab complete, with their names.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ListSet, Position = 0)]
    [ArgumentCompleter(typeof(CampaignIdCompleter))]
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
                GetByIds();
                break;
            case ContinueSet:
                if (ImpactSession.Current.LastListing is not { } last)
                {
                    ThrowTerminatingError(ErrorCategories.Record(ErrorKinds.NothingToContinue,
                        new InvalidOperationException("There is no listing to continue in this session: run Get-ImpactAction -CampaignId first."), null));
                    return;
                }
                // The listing goes on where it was read: another connection's account has other actions at that count.
                if (Connection is null) Connection = last.Connection;
                else if (!ReferenceEquals(Connection, last.Connection) && (Connection.AccountSid != last.Connection.AccountSid || Connection.BaseUri != last.Connection.BaseUri))
                {
                    ThrowTerminatingError(ErrorCategories.Record(ErrorKinds.NothingToContinue, new InvalidOperationException(
                        $"The last listing read {last.Connection}, not {Connection}: leave out -Connection to continue it, or start a listing of this account with -CampaignId."), null));
                    return;
                }
                List(last.Query, last.HandedOut);
                break;
            default:
                List(Query(), new HandedOutActions());
                break;
        }
    }

    /// <summary>-Skip and -First apply to the ActionIds given, in their order, across every pipeline object.</summary>
    private void GetByIds()
    {
        var reader = new ActionReader(Client());
        var seen = ImpactSession.Current.Seen;
        foreach (var given in ActionId)
        {
            var id = Identifier(nameof(ActionId), given);
            _idsSeen++;
            if (_idsSeen <= PagingParameters.Skip || _idsWritten >= PagingParameters.First) continue;
            try
            {
                var action = Await(reader.GetAsync(id, CancellationToken));
                seen.Saw(action);
                WriteObject(action);
                _idsWritten++;
            }
            catch (Exception e) when (IsReportable(e))
            {
                WriteError(ErrorFor(e, id));
            }
        }
    }

    private ulong _idsSeen;
    private ulong _idsWritten;

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

    /// <summary>
    /// Reads the listing from its start, passing over every action an earlier call of the same listing handed out
    /// (<paramref name="handedOut"/>, which it adds to as it hands out, however it stops: its own -First, a downstream
    /// Select-Object that has what it wants, Ctrl+C, an error). The listing is read as it is now, so -Continue hands out
    /// each action of it not yet handed out, wherever updates since have moved it, and never one twice; an action that
    /// has left the range since is not handed out.
    /// </summary>
    private void List(ActionQuery query, HandedOutActions handedOut)
    {
        var session = ImpactSession.Current;
        var seen = session.Seen;
        var client = Client();
        var reader = new ActionReader(client);
        var throttle = new ProgressThrottle();
        ListingProgress? latest = null;
        long read = 0;
        void Show(bool completed = false)
        {
            if (latest is not { } p || !throttle.Due(completed)) return;
            var total = p.Total is { } t ? $" of {(p.TotalIsExact ? "" : "about ")}{t:N0}" : "";
            var record = new ProgressRecord(ProgressIds.Listing, ProgressIds.ListingActivity, $"Window {p.Window} of {p.Windows}: {p.Range}")
            {
                CurrentOperation = $"{read:N0}{total} actions read",
                RecordType = completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            if (p.Total is > 0 && p.TotalIsExact) record.PercentComplete = (int)Math.Min(100, read * 100 / p.Total.Value);
            WriteProgress(record);
        }
        reader.ProgressChanged = p => Dispatcher.Post(() =>
        {
            latest = p;
            Show();
        });
        var toSkip = (long)PagingParameters.Skip;
        var first = PagingParameters.First;
        ulong written = 0;
        var totalWritten = false;
        var cursor = reader.OpenList(query, CancellationToken);
        try
        {
            while (written < first && Await(cursor.MoveNextAsync()))
            {
                var current = cursor.Current;
                read++;
                // Handed out by an earlier call of this listing.
                if (handedOut.Contains(current.Id)) continue;
                if (toSkip > 0)
                {
                    // Passed over by -Skip: gone past, as a -Continue after it goes on after it.
                    toSkip--;
                    handedOut.Add(current.Id);
                    continue;
                }
                // A stop asked for before the record is written: it was not handed out.
                if (Stopping) throw new PipelineStoppedException();
                WriteTotalOnce();
                // Remembered for tab completion (-CustomerStatus, -CampaignId) as it is handed out.
                seen.Saw(current);
                handedOut.Add(current.Id);
                try
                {
                    WriteObject(current);
                }
                catch (Exception e) when (e is PipelineStoppedException || e.GetType().Name == "StopUpstreamCommandsException")
                {
                    // Stopped while the record was downstream (a Select-Object -First that has what it wants, Ctrl+C
                    // during the next command's work): it was handed out.
                    throw;
                }
                written++;
                Show();
            }
        }
        catch (Exception e) when (IsReportable(e))
        {
            WriteError(ErrorFor(e, query));
        }
        finally
        {
            // A query refused before anything was read leaves the listing to continue as it was.
            if (read > 0 || handedOut.Count > 0) session.LastListing = new ListingPosition(query, client.Connection, handedOut);
            try
            {
                Await(cursor.DisposeAsync());
            }
            catch (Exception e) when (!IsReportable(e))
            {
            }
            if (!Stopping) Show(completed: true);
        }
        WriteTotalOnce();

        // -IncludeTotalCount: the count comes first, as PowerShell's paging convention has it, once the first page said it.
        void WriteTotalOnce()
        {
            if (!PagingParameters.IncludeTotalCount || totalWritten) return;
            totalWritten = true;
            WriteObject(latest?.Total is { } total
                ? PagingParameters.NewTotalCount((ulong)total, latest.TotalIsExact ? 1.0 : 0.5)
                : PagingParameters.NewTotalCount(0, 0.0));
        }
    }
}
