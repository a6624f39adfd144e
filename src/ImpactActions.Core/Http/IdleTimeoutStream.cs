using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace ImpactActions.Core.Http;

/// <summary>
/// A streamed answer's body, with the request timeout as the longest wait for its next bytes. Headers and a
/// partial body followed by silence would otherwise hold a listing forever: HttpClient's timeout ends with the
/// headers of a streamed answer. A read that waits longer fails with <see cref="AnswerStalledException"/> (an
/// IOException, so a page is read again as a broken one is), and the answer is closed under it, since not every
/// runtime's stream heeds a cancellation.
/// </summary>
internal sealed class IdleTimeoutStream : Stream
{
    private readonly Stream _inner;
    private readonly IDisposable _owner;
    private readonly TimeSpan _timeout;

    public IdleTimeoutStream(Stream inner, IDisposable owner, TimeSpan timeout)
    {
        _inner = inner;
        _owner = owner;
        _timeout = timeout;
    }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var read = _inner.ReadAsync(buffer, offset, count, idle.Token);
        if (read.IsCompleted) return await read.ConfigureAwait(false);
        using var timer = new CancellationTokenSource();
        var elapsed = Task.Delay(_timeout, timer.Token);
        var first = await Task.WhenAny(read, elapsed).ConfigureAwait(false);
        if (first == read)
        {
            timer.Cancel();
            return await read.ConfigureAwait(false);
        }
        if (cancellationToken.IsCancellationRequested) cancellationToken.ThrowIfCancellationRequested();
        idle.Cancel();
        _owner.Dispose();
        _ = read.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
        throw new AnswerStalledException(_timeout);
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>A streamed answer sent nothing for longer than the request timeout.</summary>
internal sealed class AnswerStalledException : IOException
{
    public AnswerStalledException(TimeSpan timeout)
        : base($"The answer stalled: no bytes for {timeout.TotalSeconds:0.#} s.")
    {
    }
}
