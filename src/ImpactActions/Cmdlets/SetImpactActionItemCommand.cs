using System;
using System.Collections.Generic;
using System.Management.Automation;
using ImpactActions.Binding;
using ImpactActions.Completion;
using ImpactActions.Core.Journal;
using ImpactActions.Core.Validation;
using ImpactActions.Core.Writing;
using ImpactActions.Host;

namespace ImpactActions.Cmdlets;

/// <summary>
/// Changes items of actions: an absolute -Quantity (0 = returned) or a -QuantityChange from the current
/// one, an absolute -Amount or a relative -Delta of the sale amount, and Category, ItemName, Rebate.
/// Rows from the pipeline (Import-Csv) are checked one by one, batched per action, and sent as batches
/// fill and at the end; each row gets one result.
/// </summary>
/// <remarks>
/// Every change field is a string bound by property name, in one parameter set: Import-Csv gives
/// strings, an empty cell must mean "not given" (a numeric parameter would turn it into 0, which
/// marks an item returned), and a bound empty column must not sway parameter-set resolution. Core
/// checks each row and names the row and field of anything wrong.
/// </remarks>
[Cmdlet(VerbsCommon.Set, "ImpactActionItem", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(RowResult))]
public sealed class SetImpactActionItemCommand : ImpactCmdlet
{
    /// <summary>What the pipeline gives: a CSV row, binding by column; one of the module's objects, giving its identity; an ActionId.</summary>
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    public PSObject? InputObject { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
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

    /// <summary>The item; the API calls it "alternatively known as the ProductId".</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ProductId")]
    [AllowEmptyString, AllowNull]
    public string? Sku { get; set; }

    /// <summary>Absolute quantity; 0 marks the item returned.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString, AllowNull]
    public string? Quantity { get; set; }

    /// <summary>Change of the quantity from its current value (-1 = one unit returned); the resulting quantity is sent.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString, AllowNull]
    public string? QuantityChange { get; set; }

    /// <summary>Absolute sale amount of the item (with a point, at most 2 decimals).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString, AllowNull]
    public string? Amount { get; set; }

    /// <summary>Relative change of the item's sale amount, sent as ItemSubTotalDelta; never sent twice.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ItemSubTotalDelta")]
    [AllowEmptyString, AllowNull]
    public string? Delta { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString, AllowNull]
    public string? Category { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString, AllowNull]
    public string? ItemName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString, AllowNull]
    public string? Rebate { get; set; }

    /// <summary>ORDER_UPDATE, the only reason the API takes for an item update; empty means ORDER_UPDATE, any other is refused.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ItemReasonCompleter))]
    [AllowEmptyString, AllowNull]
    public string? Reason { get; set; }

    /// <summary>Send again relative rows an earlier run (in the journal) left with an unknown outcome.</summary>
    [Parameter]
    public SwitchParameter ResendUnknown { get; set; }

    /// <summary>A file recording each row's outcome: rerun with the same file and accepted rows are skipped.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? JournalPath { get; set; }

    /// <summary>Wait for the submissions and report each row's final state.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    [Parameter]
    [ValidateRange(1, 86400)]
    public int WaitTimeoutSeconds { get; set; } = 600;

    [Parameter]
    [ValidateRange(1, 1000)]
    public int MaxItemsPerRequest { get; set; } = 100;

    private ItemChangeRun? _run;
    private PipelineRows? _rows;
    private long _row;

    protected override void BeginProcessing()
    {
        var journal = JournalPath is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(JournalPath);
        _rows = new PipelineRows(this);
        var host = new CmdletWriteHost(this, Dispatcher, "Set-ImpactActionItem");
        try
        {
            _run = new ItemChangeRun(Client(), host, journal, MaxItemsPerRequest)
            {
                StopAtBadRow = StopsAtFirstError(), ResendUnknown = ResendUnknown, Wait = Wait, WaitTimeout = TimeSpan.FromSeconds(WaitTimeoutSeconds),
            };
        }
        catch (JournalException e)
        {
            ThrowTerminatingError(ErrorCategories.Record(e.Kind, e, journal));
        }
    }

    protected override void ProcessRecord()
    {
        _row++;
        if (_rows!.Read(InputObject, _row, ActionId, ActionTrackerId, OrderId) is not { } row) return;
        var input = new ItemChangeInput
        {
            Row = _row, ActionId = row.ActionId, ActionTrackerId = row.ActionTrackerId, OrderId = row.OrderId, Sku = Sku,
            Quantity = row.Change(nameof(Quantity), Quantity), QuantityChange = row.Change(nameof(QuantityChange), QuantityChange),
            Amount = row.Change(nameof(Amount), Amount), Delta = row.Change(nameof(Delta), Delta), Category = row.Change(nameof(Category), Category),
            ItemName = row.Change(nameof(ItemName), ItemName), Rebate = row.Change(nameof(Rebate), Rebate), Reason = row.Change(nameof(Reason), Reason),
        };
        foreach (var (field, clause) in row.Problems) input.AddProblem(field, clause);
        input.Source = RowSource.Of(InputObject, Fields(input));
        Await(_run!.AddAsync(input, CancellationToken));
    }

    /// <summary>Sends what is left and, with -Wait, waits for every submission (Core's WaitJoin): every row gets its result.</summary>
    protected override void EndProcessing() => Await(_run!.CompleteAsync(CancellationToken));

    /// <summary>Whether the first error will end the run: -ErrorAction Stop or Inquire, or the same preference in scope.</summary>
    private bool StopsAtFirstError()
    {
        var preference = MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var bound) ? bound : GetVariableValue("ErrorActionPreference");
        return LanguagePrimitives.TryConvertTo<ActionPreference>(preference is PSObject o ? o.BaseObject : preference, out var action)
               && action is ActionPreference.Stop or ActionPreference.Inquire;
    }

    /// <summary>The fields a row was bound with, by parameter name, for its Source when it is not a CSV row.</summary>
    private static Dictionary<string, object?> Fields(ItemChangeInput input) => new()
    {
        [nameof(ActionId)] = input.ActionId, [nameof(ActionTrackerId)] = input.ActionTrackerId, [nameof(OrderId)] = input.OrderId, [nameof(Sku)] = input.Sku,
        [nameof(Quantity)] = input.Quantity, [nameof(QuantityChange)] = input.QuantityChange, [nameof(Amount)] = input.Amount, [nameof(Delta)] = input.Delta,
        [nameof(Category)] = input.Category, [nameof(ItemName)] = input.ItemName, [nameof(Rebate)] = input.Rebate, [nameof(Reason)] = input.Reason,
    };

    /// <summary>Closes the journal, also when the pipeline stopped early.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing) _run?.Dispose();
        base.Dispose(disposing);
    }
}
