using System;
using System.Management.Automation;
using ImpactActions.Core.Hosting;
using ImpactActions.Core.Writing;

namespace ImpactActions.Host;

/// <summary>
/// What a writing cmdlet gives Core: ShouldProcess (so -WhatIf and -Confirm work), one output object
/// per row, in row order, with an error for each failed one, and progress.
/// </summary>
internal sealed class CmdletWriteHost : IWriteHost
{
    private readonly PSCmdlet _cmdlet;
    private readonly PipelineDispatcher _dispatcher;
    private readonly Action<RowResult> _output;
    private readonly string _activity;
    private readonly RowOrder _order = new();

    public CmdletWriteHost(PSCmdlet cmdlet, PipelineDispatcher dispatcher, string activity, Action<RowResult>? output = null)
    {
        _cmdlet = cmdlet;
        _dispatcher = dispatcher;
        _activity = activity;
        _output = output ?? Write;
    }

    public bool ShouldSend(string target, string operation) => _dispatcher.Invoke(() => _cmdlet.ShouldProcess(target, operation));

    public void Report(RowResult result) => _dispatcher.Post(() =>
    {
        foreach (var ready in _order.Add(result)) _output(ready);
    });

    public void Progress(long rowsSeen, long rowsDone) => _dispatcher.Post(() =>
        _cmdlet.WriteProgress(new ProgressRecord(1, _activity, $"{rowsDone} of {rowsSeen} rows have a result")));

    public void Write(RowResult result)
    {
        _cmdlet.WriteObject(result);
        if (result.Status is RowStatus.Failed or RowStatus.OutcomeUnknown || result.ErrorId is not null)
            _cmdlet.WriteError(RowErrors.For(result, result.Source));
    }
}
