using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace ImpactActions.Core.Hosting;

/// <summary>
/// Runs Core's asynchronous work from a cmdlet while keeping every call into PowerShell
/// (WriteObject, WriteVerbose, ShouldProcess, …) on the pipeline thread, the only thread allowed
/// to make them: work posted from other threads is run here while the cmdlet waits.
/// </summary>
public sealed class PipelineDispatcher
{
    private readonly BlockingCollection<Action> _queue = new();
    private readonly int _pipelineThread = Environment.CurrentManagedThreadId;

    private bool OnPipelineThread => Environment.CurrentManagedThreadId == _pipelineThread;

    /// <summary>Runs <paramref name="action"/> on the pipeline thread: now if already there, otherwise when the cmdlet next waits.</summary>
    public void Post(Action action)
    {
        if (OnPipelineThread) action();
        else _queue.Add(action);
    }

    /// <summary>Runs <paramref name="function"/> on the pipeline thread and returns its answer to the calling thread.</summary>
    public T Invoke<T>(Func<T> function)
    {
        if (OnPipelineThread) return function();
        var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add(() =>
        {
            try
            {
                answer.SetResult(function());
            }
            catch (Exception e)
            {
                answer.SetException(e);
            }
        });
        return answer.Task.GetAwaiter().GetResult();
    }

    /// <summary>Waits for <paramref name="task"/> on the pipeline thread, running what other threads post meanwhile.</summary>
    public T Wait<T>(Task<T> task)
    {
        Pump(task);
        return task.GetAwaiter().GetResult();
    }

    public void Wait(Task task)
    {
        Pump(task);
        task.GetAwaiter().GetResult();
    }

    private void Pump(Task task)
    {
        if (!task.IsCompleted) task.ContinueWith(_ => _queue.Add(() => { }), TaskScheduler.Default);
        while (!task.IsCompleted)
            if (_queue.TryTake(out var action, Timeout.Infinite)) action();
        while (_queue.TryTake(out var rest)) rest();
    }
}
