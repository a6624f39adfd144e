using System;
using System.Management.Automation;
using ImpactActions.Core.Hosting;
using ImpactActions.Core.Writing;

namespace ImpactActions.Host;

/// <summary>
/// What a writing cmdlet gives Core: ShouldProcess (so -WhatIf and -Confirm work), one output object
/// per row with an error for each failed one, and progress.
/// </summary>
internal sealed class CmdletWriteHost : IWriteHost
{
    private readonly PSCmdlet _cmdlet;
    private readonly PipelineDispatcher _dispatcher;
    private readonly Action<RowResult> _output;
    private readonly string _activity;

    public CmdletWriteHost(PSCmdlet cmdlet, PipelineDispatcher dispatcher, string activity, Action<RowResult>? output = null)
    {
        _cmdlet = cmdlet;
        _dispatcher = dispatcher;
        _activity = activity;
        _output = output ?? Write;
    }

    public bool ShouldSend(string target, string operation) => _dispatcher.Invoke(() => _cmdlet.ShouldProcess(target, operation));

    public void Report(RowResult result) => _dispatcher.Post(() => _output(result));

    public void Progress(long rowsSeen, long rowsDone) => _dispatcher.Post(() =>
        _cmdlet.WriteProgress(new ProgressRecord(1, _activity, $"{rowsDone} of {rowsSeen} rows have a result")));

    public void Write(RowResult result)
    {
        _cmdlet.WriteObject(result);
        if (result.Status is RowStatus.Failed or RowStatus.OutcomeUnknown) _cmdlet.WriteError(RowErrors.For(result, result.Source));
    }
}
