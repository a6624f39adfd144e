using ImpactActions.Core.Connection;
using ImpactActions.Core.Paging;

namespace ImpactActions.Session;

/// <summary>
/// What the module keeps for the PowerShell session: the current connection, the page size listings
/// use, and where the last listing stopped so `Get-ImpactAction -Continue` can go on from there.
/// </summary>
public static class ImpactSession
{
    private static readonly object Gate = new();
    private static ImpactConnection? _current;

    public static ImpactConnection? Current
    {
        get
        {
            lock (Gate) return _current;
        }
    }

    /// <summary>
    /// Makes <paramref name="connection"/> the session's. The one it replaces stays open: a user may hold
    /// it (Connect-ImpactAccount -PassThru) to reach another account with -Connection.
    /// </summary>
    public static void Set(ImpactConnection? connection)
    {
        lock (Gate) _current = connection;
    }

    /// <summary>PageSize for listings that do not name one; null leaves the API's default (20,000).</summary>
    public static int? DefaultPageSize { get; set; }

    /// <summary>The last listing's query and how many records it handed out.</summary>
    public static (ActionQuery Query, long Emitted)? LastListing { get; set; }
}
