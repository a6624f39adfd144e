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
        Assert.Equal(42, dispatcher.Wait(task, new CancellationTokenSource()));
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, ran.ConvertAll(r => r.Order));
        Assert.All(ran, r => Assert.Equal(pipelineThread, r.Thread));
    }

    [Fact]
    public void A_question_from_another_thread_is_answered_on_the_waiting_thread()
    {
        var dispatcher = new PipelineDispatcher();
        var pipelineThread = Environment.CurrentManagedThreadId;
        int answeredOn = 0;
        var task = Task.Run(() => dispatcher.InvokeAsync(() =>
        {
            answeredOn = Environment.CurrentManagedThreadId;
            return "yes";
        }));
        Assert.Equal("yes", dispatcher.Wait(task, new CancellationTokenSource()));
        Assert.Equal(pipelineThread, answeredOn);
    }

    [Fact]
    public void A_pipeline_call_that_throws_cancels_the_work_and_every_question_still_waiting()
    {
        // As WriteError does under -ErrorAction Stop: the run must end, not go on sending, and no thread may be left waiting.
        var dispatcher = new PipelineDispatcher();
        using var stop = new CancellationTokenSource();
        Task<bool>? question = null;
        var work = Task.Run(async () =>
        {
            dispatcher.Post(() => throw new InvalidOperationException("the pipeline stopped"));
            question = dispatcher.InvokeAsync(() => true);
            await question;
            await Task.Delay(Timeout.Infinite, stop.Token);
        });
        var thrown = Assert.Throws<InvalidOperationException>(() => dispatcher.Wait(work, stop));
        Assert.Equal("the pipeline stopped", thrown.Message);
        Assert.True(stop.IsCancellationRequested);
        Assert.True(work.IsCompleted);
        Assert.True(question!.IsCanceled);
        Assert.True(dispatcher.IsBroken);
        Assert.True(dispatcher.InvokeAsync(() => 1).IsCanceled);
    }

    [Fact]
    public void Failures_and_cancellation_reach_the_waiting_thread()
    {
        var dispatcher = new PipelineDispatcher();
        Assert.Throws<ArgumentException>(() => dispatcher.Wait(Task.Run(() => Task.FromException<int>(new ArgumentException("no"))), new CancellationTokenSource()));
        using var cancel = new CancellationTokenSource();
        var waiting = Task.Delay(Timeout.Infinite, cancel.Token);
        cancel.CancelAfter(20);
        Assert.ThrowsAny<OperationCanceledException>(() => dispatcher.Wait(waiting, cancel));
    }
}
