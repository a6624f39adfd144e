using System;
using System.Collections.Generic;
using System.Management.Automation;
using ImpactActions.Binding;
using ImpactActions.Core.Writing;
using ImpactActions.Host;

namespace ImpactActions.Cmdlets;

/// <summary>
/// Set-ImpactAction and Undo-ImpactAction: an action named by ActionId, or ActionTrackerId with OrderId (or
/// both, checked against the action's record), from parameters, a CSV row, an ActionId string or the
/// module's own objects. Every field is an optional string, so no row ever fails to bind: a missing or
/// empty value is a per-row error from Core, with the row's own number, and the other rows still go.
/// </summary>
public abstract class ActionChangeCmdlet : ImpactCmdlet
{
    /// <summary>What the pipeline gives: a CSV row, binding by column; one of the module's objects, giving its identity; an ActionId.</summary>
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    public PSObject? InputObject { get; set; }

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [AllowEmptyString, AllowNull]
    public string? ActionId { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString, AllowNull]
    public string? ActionTrackerId { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Oid")]
    [AllowEmptyString, AllowNull]
    public string? OrderId { get; set; }

    private ActionChangeWriter? _writer;
    private CmdletWriteHost? _host;
    private PipelineRows? _rows;
    private long _row;

    protected override void BeginProcessing()
    {
        _rows = new PipelineRows(this);
        _host = new CmdletWriteHost(this, Dispatcher, MyInvocation.MyCommand.Name) { ActionLevel = true };
        _writer = new ActionChangeWriter(Client(), _host);
    }

    protected override void ProcessRecord()
    {
        _row++;
        if (_rows!.Read(InputObject, _row, ActionId, ActionTrackerId, OrderId) is not { } row) return;
        var input = Input(row.Change);
        input.Row = _row;
        input.ActionId = row.ActionId;
        input.ActionTrackerId = row.ActionTrackerId;
        input.OrderId = row.OrderId;
        input.Source = RowSource.Of(InputObject, Fields(input));
        foreach (var (field, clause) in row.Problems) input.AddProblem(field, clause);
        switch (Confirmed(input))
        {
            case SendDecision.Decline:
                _host!.Write(ActionChangeWriter.Declined(input));
                return;
            case SendDecision.CannotAsk:
                _host!.Write(ActionChangeWriter.Unconfirmable(input, "-Force"));
                return;
        }
        _host!.Write(Await(Send(_writer!, input)));
    }

    /// <summary>The change this cmdlet sends, each field passed through <paramref name="change"/> (which drops the listed values of the module's own objects).</summary>
    protected abstract ActionChangeInput Input(Func<string, string?, string?> change);

    protected abstract System.Threading.Tasks.Task<RowResult> Send(ActionChangeWriter writer, ActionChangeInput input);

    /// <summary>The fields an action was named and changed with, by parameter name, for its Source when it is not a CSV row.</summary>
    private static Dictionary<string, object?> Fields(ActionChangeInput input) => new()
    {
        [nameof(ActionId)] = input.ActionId, [nameof(ActionTrackerId)] = input.ActionTrackerId, [nameof(OrderId)] = input.OrderId,
        ["Amount"] = input.Amount, ["CustomerStatus"] = input.CustomerStatus, ["DispositionCode"] = input.DispositionCode, ["Reason"] = input.Reason,
    };

    /// <summary>
    /// A further confirmation a change needs beyond ShouldProcess (an Amount of 0 reverses the action): Send, Decline, or
    /// CannotAsk when the host cannot ask (the row is then an error naming -Force, and the other rows go on).
    /// </summary>
    protected virtual SendDecision Confirmed(ActionChangeInput input) => SendDecision.Send;
}
