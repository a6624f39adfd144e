using System;
using System.Management.Automation;
using System.Threading.Tasks;
using ImpactActions.Completion;
using ImpactActions.Core.Writing;

namespace ImpactActions.Cmdlets;

/// <summary>Reverses actions, so their partners are not paid for them. Asks for confirmation unless -Confirm:$false.</summary>
[Cmdlet(VerbsCommon.Undo, "ImpactAction", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(RowResult))]
public sealed class UndoImpactActionCommand : ActionChangeCmdlet
{
    /// <summary>Why: a documented code (tab completes) or one the account configured. Required; a row without one is refused on its own.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DispositionCodeCompleter))]
    [AllowEmptyString, AllowNull]
    public string? DispositionCode { get; set; }

    protected override ActionChangeInput Input(Func<string, string?, string?> change) => new() { DispositionCode = change(nameof(DispositionCode), DispositionCode) };

    protected override Task<RowResult> Send(ActionChangeWriter writer, ActionChangeInput input) => writer.ReverseAsync(input, CancellationToken);
}
