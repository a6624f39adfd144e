using System.Collections.Generic;
using System.Linq;

namespace ImpactActions.Sandbox.Pipeline;

/// <summary>One API request as the sandbox saw it. <see cref="Fault"/> names an injected failure, if any; status 0 means no answer was sent.</summary>
public sealed record RequestLogEntry(long Sequence, string Method, string PathAndQuery, int StatusCode, string Fault);

/// <summary>
/// Counts every API request (not the /_sandbox control paths) as it arrives, so a client that has its
/// answer's headers can rely on the count; the outcome is filled in when the request ends.
/// </summary>
public sealed class RequestLog
{
    private const int Kept = 100_000;
    private readonly object _gate = new();
    private readonly Queue<RequestLogEntry> _recent = new();
    private readonly Dictionary<long, RequestLogEntry> _open = new();
    private long _count;

    public long Count
    {
        get { lock (_gate) return _count; }
    }

    /// <summary>Records an arrival; returns its sequence number for <see cref="Complete"/>.</summary>
    public long Begin(string method, string pathAndQuery, string fault = "")
    {
        lock (_gate)
        {
            _count++;
            _open[_count] = new RequestLogEntry(_count, method, pathAndQuery, 0, fault);
            return _count;
        }
    }

    public void Complete(long sequence, int statusCode, string fault)
    {
        lock (_gate)
        {
            if (!_open.Remove(sequence, out var entry)) return;
            _recent.Enqueue(entry with { StatusCode = statusCode, Fault = fault });
            if (_recent.Count > Kept) _recent.Dequeue();
        }
    }

    /// <summary>Requests after <paramref name="sequence"/>, finished or not, in arrival order.</summary>
    public IReadOnlyList<RequestLogEntry> Since(long sequence)
    {
        lock (_gate) return _recent.Concat(_open.Values).Where(e => e.Sequence > sequence).OrderBy(e => e.Sequence).ToList();
    }
}
