using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Hosting;

namespace ImpactActions.Core.Tests;

/// <summary>The dispatcher cmdlets use so that PowerShell is only ever called from the pipeline thread.</summary>
public sealed class PipelineDispatcherTests
{
    [Fact]
    public void Work_posted_from_other_threads_runs_on_the_waiting_thread_in_order()
    {
        var dispatcher = new PipelineDispatcher();
        var pipelineThread = Environment.CurrentManagedThreadId;
        var ran = new List<(int Thread, int Order)>();
        var task = Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                var order = i;
                dispatcher.Post(() => ran.Add((Environment.CurrentManagedThreadId, order)));
                await Task.Delay(5);
            }
            return 42;
        });
        Assert.Equal(42, dispatcher.Wait(task));
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, ran.ConvertAll(r => r.Order));
        Assert.All(ran, r => Assert.Equal(pipelineThread, r.Thread));
    }

    [Fact]
    public void A_question_from_another_thread_is_answered_on_the_waiting_thread()
    {
        var dispatcher = new PipelineDispatcher();
        var pipelineThread = Environment.CurrentManagedThreadId;
        int answeredOn = 0;
        var task = Task.Run(() => dispatcher.Invoke(() =>
        {
            answeredOn = Environment.CurrentManagedThreadId;
            return "yes";
        }));
        Assert.Equal("yes", dispatcher.Wait(task));
        Assert.Equal(pipelineThread, answeredOn);
    }

    [Fact]
    public void On_the_pipeline_thread_work_runs_at_once()
    {
        var dispatcher = new PipelineDispatcher();
        var ran = false;
        dispatcher.Post(() => ran = true);
        Assert.True(ran);
        Assert.Equal(7, dispatcher.Invoke(() => 7));
    }

    [Fact]
    public void Failures_and_cancellation_reach_the_waiting_thread()
    {
        var dispatcher = new PipelineDispatcher();
        Assert.Throws<InvalidOperationException>(() => dispatcher.Wait(Task.Run(() => dispatcher.Invoke<int>(() => throw new InvalidOperationException("no")))));
        using var cancel = new CancellationTokenSource();
        var waiting = Task.Delay(Timeout.Infinite, cancel.Token);
        cancel.CancelAfter(20);
        Assert.ThrowsAny<OperationCanceledException>(() => dispatcher.Wait(waiting));
    }
}
