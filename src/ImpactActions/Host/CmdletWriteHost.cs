using System.Management.Automation;
using System.Threading.Tasks;
using ImpactActions.Core.Hosting;
using ImpactActions.Core.Writing;

namespace ImpactActions.Host;

/// <summary>
/// What a writing cmdlet gives Core: ShouldProcess (so -WhatIf and -Confirm work), one output object per
/// row with an error for each failed one, and progress, at most a few updates a second (Windows
/// PowerShell 5.1's console redraws every one).
/// </summary>
internal sealed class CmdletWriteHost : IWriteHost
{
    private readonly PSCmdlet _cmdlet;
    private readonly PipelineDispatcher _dispatcher;
    private readonly string _activity;
    private readonly int _progressId;
    private readonly ProgressThrottle _throttle = new();

    public CmdletWriteHost(PSCmdlet cmdlet, PipelineDispatcher dispatcher, string activity, int progressId = ProgressIds.Writes)
    {
        _cmdlet = cmdlet;
        _dispatcher = dispatcher;
        _activity = activity;
        _progressId = progressId;
    }

    /// <summary>Set-ImpactAction and Undo-ImpactAction: errors speak of the action, not of a CSV row.</summary>
    public bool ActionLevel { get; set; }

    /// <summary>
    /// ShouldProcess, and when it says no, whether that is -WhatIf (a rehearsal: later rows take the change as sent) or a
    /// "no" to -Confirm (the change is not made). ShouldProcess never prompts while WhatIf is in effect, so its "no" then
    /// is always the rehearsal's. A confirmation the host cannot ask (pwsh -NonInteractive) is <see cref="SendDecision.CannotAsk"/>: that row is not
    /// sent and is an error, and the run goes on.
    /// </summary>
    public Task<SendDecision> ShouldSendAsync(string target, string operation) => _dispatcher.InvokeAsync(() =>
    {
        try
        {
            return _cmdlet.ShouldProcess(target, operation) ? SendDecision.Send : WhatIfInEffect() ? SendDecision.Rehearse : SendDecision.Decline;
        }
        catch (System.Exception e) when (Prompts.CannotAsk(e))
        {
            _cmdlet.WriteVerbose($"The confirmation for {target} could not be asked: {e.Message}");
            return SendDecision.CannotAsk;
        }
    });

    /// <summary>-WhatIf as bound (-WhatIf:$false included), else $WhatIfPreference in scope: what ShouldProcess goes by.</summary>
    private bool WhatIfInEffect()
    {
        var whatIf = _cmdlet.MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound) ? bound : _cmdlet.GetVariableValue("WhatIfPreference");
        return whatIf is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(whatIf);
    }

    public void Report(RowResult result) => _dispatcher.Post(() => _cmdlet.WriteObject(result));

    public void ReportError(RowResult result) => _dispatcher.Post(() => _cmdlet.WriteError(RowErrors.For(result, result.Source, ActionLevel)));

    public void Progress(WriteProgress progress)
    {
        if (!_throttle.Due(progress.Completed)) return;
        var record = new ProgressRecord(_progressId, _activity, progress.Completed ? "Done" : progress.Activity)
        {
            CurrentOperation = $"{progress.RowsRead} rows read, {progress.RowsSent} sent, {progress.RowsAnswered} with a result",
            RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        };
        _dispatcher.Post(() => _cmdlet.WriteProgress(record));
    }

    /// <summary>A result and, when it is an error, its error record: for a cmdlet that writes one result at a time itself.</summary>
    public void Write(RowResult result)
    {
        _cmdlet.WriteObject(result);
        if (result.IsError())
            _cmdlet.WriteError(RowErrors.For(result, result.Source, ActionLevel));
    }
}
