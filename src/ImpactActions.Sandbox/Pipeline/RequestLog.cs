using System.Collections.Generic;
using System.Linq;

namespace ImpactActions.Sandbox.Pipeline;

/// <summary>One API request as the sandbox saw it. <see cref="Fault"/> names an injected failure, if any.</summary>
public sealed record RequestLogEntry(long Sequence, string Method, string PathAndQuery, int StatusCode, string Fault);

/// <summary>Counts every API request (not the /_sandbox control paths), keeping the most recent ones.</summary>
public sealed class RequestLog
{
    private const int Kept = 100_000;
    private readonly object _gate = new();
    private readonly Queue<RequestLogEntry> _recent = new();
    private long _count;

    public long Count
    {
        get { lock (_gate) return _count; }
    }

    public void Add(string method, string pathAndQuery, int statusCode, string fault)
    {
        lock (_gate)
        {
            _count++;
            _recent.Enqueue(new RequestLogEntry(_count, method, pathAndQuery, statusCode, fault));
            if (_recent.Count > Kept) _recent.Dequeue();
        }
    }

    public IReadOnlyList<RequestLogEntry> Since(long sequence)
    {
        lock (_gate) return _recent.Where(e => e.Sequence > sequence).ToList();
    }
}
