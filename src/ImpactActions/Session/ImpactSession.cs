using System;
using System.Collections.Generic;
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

    private bool _handedOut;

    /// <summary>The session's connection (set by <see cref="Connect"/>, cleared by <see cref="Forget"/>).</summary>
    public ImpactConnection? Connection
    {
        get { lock (_gate) return _connection; }
    }

    /// <summary>Makes a new connection the session's; handedOut when the user was given it (Connect-ImpactAccount -PassThru).</summary>
    public void Connect(ImpactConnection connection, bool handedOut)
    {
        lock (_gate)
        {
            _connection = connection;
            _handedOut = handedOut;
        }
    }

    /// <summary>The session's connection, to give to the user (Get-ImpactConnection): from now on it may be held for -Connection.</summary>
    public ImpactConnection? HandOut()
    {
        lock (_gate)
        {
            if (_connection is not null) _handedOut = true;
            return _connection;
        }
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
    public ImpactConnection? Forget() => Forget(out _);

    /// <summary>
    /// Forgets as <see cref="Forget()"/> does, and says whether the user was given the connection: one they hold may
    /// still be passed with -Connection, so only its holder may close it.
    /// </summary>
    public ImpactConnection? Forget(out bool handedOut)
    {
        lock (_gate)
        {
            var connection = _connection;
            handedOut = _handedOut;
            _connection = null;
            _handedOut = false;
            _lastListing = null;
            _seen = new SeenOnActions();
            return connection;
        }
    }
}

/// <summary>Where a listing stopped: its query, the connection it read, and the actions it has handed out.</summary>
internal sealed class ListingPosition
{
    public ListingPosition(ActionQuery query, ImpactConnection connection, HandedOutActions handedOut)
    {
        Query = query;
        Connection = connection;
        HandedOut = handedOut;
    }

    public ActionQuery Query { get; }
    public ImpactConnection Connection { get; }
    public HandedOutActions HandedOut { get; }
}

/// <summary>
/// The ActionIds a listing has handed out, kept as 64-bit digests (FNV-1a) rather than as text: about 24 bytes an action
/// in the set, so a listing of a million keeps about 24 MB, and two of its ActionIds share a digest about once in 40
/// million listings of that size.
/// </summary>
internal sealed class HandedOutActions
{
    private readonly HashSet<ulong> _digests = new();

    public int Count => _digests.Count;

    public bool Contains(string? actionId) => _digests.Contains(Digest(actionId));

    public void Add(string? actionId) => _digests.Add(Digest(actionId));

    private static ulong Digest(string? text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text ?? "")
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }
}
