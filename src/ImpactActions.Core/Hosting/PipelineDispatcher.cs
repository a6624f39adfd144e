using System;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace ImpactActions.Core.Hosting;

/// <summary>
/// Runs Core's asynchronous work from a cmdlet while keeping every call into PowerShell
/// (WriteObject, WriteVerbose, ShouldProcess, …) on the pipeline thread, the only thread allowed to
/// make them: work posted from other threads is queued and run here while the cmdlet waits.
/// </summary>
/// <remarks>
/// A pipeline call may throw: WriteError under -ErrorAction Stop, WriteObject when a downstream
/// Select-Object -First has what it wants. Then the dispatcher is broken: it cancels Core's work
/// through the token source it was given, cancels every <see cref="InvokeAsync{T}"/> still waiting
/// (so no thread is left blocked on an answer nobody will give), drops what is posted after, waits
/// for Core's task to end, and rethrows the pipeline's exception.
/// </remarks>
public sealed class PipelineDispatcher : IDisposable
{
    private readonly BlockingCollection<Work> _queue = new();
    private readonly int _pipelineThread = Environment.CurrentManagedThreadId;
    private ExceptionDispatchInfo? _broken;

    /// <summary>Whether a pipeline call has failed: nothing more is run on the pipeline thread.</summary>
    public bool IsBroken => Volatile.Read(ref _broken) is not null;

    /// <summary>Runs <paramref name="action"/> on the pipeline thread while the cmdlet waits (every call into Core is made through a wait).</summary>
    public void Post(Action action)
    {
        if (IsBroken) return;
        Enqueue(new Work(action, null));
    }

    /// <summary>Runs <paramref name="function"/> on the pipeline thread; the task is cancelled if the pipeline fails first.</summary>
    public Task<T> InvokeAsync<T>(Func<T> function)
    {
        var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (IsBroken)
        {
            answer.TrySetCanceled();
            return answer.Task;
        }
        Enqueue(new Work(() =>
        {
            try
            {
                answer.TrySetResult(function());
            }
            catch (Exception e)
            {
                answer.TrySetException(e);
                throw;
            }
        }, () => answer.TrySetCanceled()));
        return answer.Task;
    }

    /// <summary>Waits for <paramref name="task"/> on the pipeline thread, running what other threads post meanwhile.</summary>
    public T Wait<T>(Task<T> task, CancellationTokenSource cancelOnFailure)
    {
        Pump(task, cancelOnFailure);
        return task.GetAwaiter().GetResult();
    }

    public void Wait(Task task, CancellationTokenSource cancelOnFailure)
    {
        Pump(task, cancelOnFailure);
        task.GetAwaiter().GetResult();
    }

    private void Pump(Task task, CancellationTokenSource cancelOnFailure)
    {
        if (Environment.CurrentManagedThreadId != _pipelineThread)
            throw new InvalidOperationException("The dispatcher waits only on the pipeline thread that created it.");
        if (!task.IsCompleted) task.ContinueWith(_ => Enqueue(Work.Wake), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        while (!task.IsCompleted)
            if (_queue.TryTake(out var work, Timeout.Infinite)) Run(work, cancelOnFailure);
        while (_queue.TryTake(out var rest)) Run(rest, cancelOnFailure);
        _broken?.Throw();
    }

    /// <summary>
    /// Queues work for the pipeline thread. Once the cmdlet has disposed the dispatcher no thread will run it: a call
    /// waiting for its answer is cancelled instead of left blocked.
    /// </summary>
    private void Enqueue(Work work)
    {
        try
        {
            _queue.Add(work);
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
        {
            work.Cancel?.Invoke();
        }
    }

    /// <summary>The cmdlet's EndProcessing or Dispose: the pipeline thread waits for nothing more.</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        while (_queue.TryTake(out var rest)) rest.Cancel?.Invoke();
        _queue.Dispose();
    }

    private void Run(Work work, CancellationTokenSource cancelOnFailure)
    {
        if (IsBroken)
        {
            work.Cancel?.Invoke();
            return;
        }
        try
        {
            work.Action();
        }
        catch (Exception e)
        {
            Volatile.Write(ref _broken, ExceptionDispatchInfo.Capture(e));
            try
            {
                cancelOnFailure.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private sealed class Work
    {
        public static readonly Work Wake = new(() => { }, null);

        public Work(Action action, Action? cancel)
        {
            Action = action;
            Cancel = cancel;
        }

        public Action Action { get; }
        public Action? Cancel { get; }
    }
}
