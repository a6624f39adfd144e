using System.Management.Automation;
using System.Threading.Tasks;
using ImpactActions.Completion;
using ImpactActions.Core.Writing;

namespace ImpactActions.Cmdlets;

/// <summary>Changes an action itself: its Amount (0 on a non-zero action reverses it), CustomerStatus, DispositionCode, or Reason RESET.</summary>
[Cmdlet(VerbsCommon.Set, "ImpactAction", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByIdSet)]
[OutputType(typeof(RowResult))]
public sealed class SetImpactActionCommand : ActionChangeCmdlet
{
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString, AllowNull]
    public string? Amount { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
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

    protected override ActionChangeInput Input() => new() { Amount = Amount, CustomerStatus = CustomerStatus, DispositionCode = DispositionCode, Reason = Reason };

    protected override Task<RowResult> Send(ActionChangeWriter writer, ActionChangeInput input) => writer.UpdateAsync(input, CancellationToken);
}
