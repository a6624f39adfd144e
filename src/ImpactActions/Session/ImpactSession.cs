using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using ImpactActions.Core.Connection;
using ImpactActions.Core.Paging;

namespace ImpactActions.Session;

/// <summary>
/// What the module keeps for one PowerShell session, meaning one runspace: the connection, where
/// the last listing stopped so `Get-ImpactAction -Continue` can go on from there, and what the listed
/// actions showed, for tab completion. Thread jobs,
/// `ForEach-Object -Parallel` and hosted automation run many runspaces in one process; each has its
/// own session, and one that never connected has no connection.
/// </summary>
internal sealed class ImpactSession
{
    private static readonly ConditionalWeakTable<Runspace, ImpactSession> Sessions = new();

    /// <summary>The session of the runspace running the calling cmdlet (cmdlets run on its pipeline thread).</summary>
    public static ImpactSession Current =>
        Sessions.GetValue(Runspace.DefaultRunspace ?? throw new PSInvalidOperationException("ImpactActions cmdlets run only inside a PowerShell runspace."),
            runspace =>
            {
                var session = new ImpactSession();
                runspace.StateChanged += (_, e) =>
                {
                    if (e.RunspaceStateInfo.State is RunspaceState.Closed or RunspaceState.Broken) session.Forget()?.Dispose();
                };
                return session;
            });

    private readonly object _gate = new();
    private ImpactConnection? _connection;
    private ListingPosition? _lastListing;
    private SeenOnActions _seen = new();

    /// <summary>
    /// The session's connection. Replacing it leaves the old one open: a user may hold it
    /// (Connect-ImpactAccount -PassThru) to reach another account with -Connection.
    /// </summary>
    public ImpactConnection? Connection
    {
        get { lock (_gate) return _connection; }
        set { lock (_gate) _connection = value; }
    }

    /// <summary>The last listing's query and how many records it handed out.</summary>
    public ListingPosition? LastListing
    {
        get { lock (_gate) return _lastListing; }
        set { lock (_gate) _lastListing = value; }
    }

    /// <summary>The customer statuses and campaigns of the actions Get-ImpactAction output since the session connected.</summary>
    public SeenOnActions Seen
    {
        get { lock (_gate) return _seen; }
    }

    /// <summary>Forgets the connection, the listing and what it showed (another account's campaigns are not this one's); returns the connection for the caller to close.</summary>
    public ImpactConnection? Forget()
    {
        lock (_gate)
        {
            var connection = _connection;
            _connection = null;
            _lastListing = null;
            _seen = new SeenOnActions();
            return connection;
        }
    }
}

/// <summary>Where a listing stopped: its query and how many records it had handed out.</summary>
internal sealed class ListingPosition
{
    public ListingPosition(ActionQuery query, long emitted)
    {
        Query = query;
        Emitted = emitted;
    }

    public ActionQuery Query { get; }
    public long Emitted { get; }
}
