using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ImpactActions.Core.Hosting;

/// <summary>
/// One pass over a stream of records, in Task terms. The cmdlet assembly reads Core's streams through
/// it so that it never names IAsyncEnumerable or ValueTask: on .NET Framework those live in
/// Microsoft.Bcl.AsyncInterfaces and System.Threading.Tasks.Extensions, which another module may have
/// loaded at another version, and a cmdlet bound to that copy could not talk to Core.
/// </summary>
public sealed class RecordCursor<T>
{
    private readonly IAsyncEnumerator<T> _enumerator;

    internal RecordCursor(IAsyncEnumerable<T> source, CancellationToken cancellation) =>
        _enumerator = source.GetAsyncEnumerator(cancellation);

    public T Current => _enumerator.Current;

    public Task<bool> MoveNextAsync() => _enumerator.MoveNextAsync().AsTask();

    public Task DisposeAsync() => _enumerator.DisposeAsync().AsTask();
}
