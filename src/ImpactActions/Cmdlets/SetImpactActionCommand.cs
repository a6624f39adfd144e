using System;
using System.Management.Automation;
using System.Threading.Tasks;
using ImpactActions.Completion;
using ImpactActions.Core.Writing;
using ImpactActions.Host;

namespace ImpactActions.Cmdlets;

/// <summary>Changes an action itself: its Amount (0 on a non-zero action reverses it), CustomerStatus, DispositionCode, or Reason RESET.</summary>
[Cmdlet(VerbsCommon.Set, "ImpactAction", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(RowResult))]
public sealed class SetImpactActionCommand : ActionChangeCmdlet
{
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString, AllowNull]
    public string? Amount { get; set; }

    /// <summary>A status the event type has configured: NEW, EXISTING and the statuses seen on the session's listed actions tab complete.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(CustomerStatusCompleter))]
    [AllowEmptyString, AllowNull]
    public string? CustomerStatus { get; set; }

    /// <summary>ORDER_UPDATE when not given (the documented default for updating an action), or a code the account configured.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(UpdateDispositionCodeCompleter))]
    [AllowEmptyString, AllowNull]
    public string? DispositionCode { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ReasonCompleter))]
    [AllowEmptyString, AllowNull]
    public string? Reason { get; set; }

    /// <summary>An Amount of 0 reverses the action (the API's rule); it is sent without asking first.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override ActionChangeInput Input(Func<string, string?, string?> change) => new()
    {
        Amount = change(nameof(Amount), Amount), CustomerStatus = change(nameof(CustomerStatus), CustomerStatus),
        DispositionCode = change(nameof(DispositionCode), DispositionCode), Reason = change(nameof(Reason), Reason),
    };

    protected override Task<RowResult> Send(ActionChangeWriter writer, ActionChangeInput input) => writer.UpdateAsync(input, CancellationToken);

    /// <summary>
    /// An Amount of 0 on a tracked action reverses it ([ACTIONS]), so it is confirmed as Undo-ImpactAction is, unless -Force or -Confirm:$false.
    /// A session that cannot ask (pwsh -NonInteractive) makes that row an error naming -Force, and the other rows go on.
    /// </summary>
    protected override SendDecision Confirmed(ActionChangeInput input)
    {
        if (!ActionChangeWriter.Reverses(input) || Force) return SendDecision.Send;
        if (MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm) && confirm is SwitchParameter { IsPresent: false }) return SendDecision.Send;
        if (MyInvocation.BoundParameters.ContainsKey("WhatIf")) return SendDecision.Send;
        var target = input.ActionId ?? $"{input.ActionTrackerId}/{input.OrderId}";
        try
        {
            return ShouldContinue($"Amount 0 reverses action {target}: its partner will not be paid for it, as Undo-ImpactAction does. Send it?", "Reverse the action?")
                ? SendDecision.Send
                : SendDecision.Decline;
        }
        catch (Exception e) when (Prompts.CannotAsk(e))
        {
            WriteVerbose($"The confirmation for action {target} could not be asked: {e.Message}");
            return SendDecision.CannotAsk;
        }
    }
}
