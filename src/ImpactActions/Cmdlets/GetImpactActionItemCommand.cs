using System;
using System.Management.Automation;
using ImpactActions.Core.Paging;
using ImpactActions.Core.Records;

namespace ImpactActions.Cmdlets;

/// <summary>The items of an action, in recorded order, or one item by Sku. Takes actions from the pipeline.</summary>
[Cmdlet(VerbsCommon.Get, "ImpactActionItem")]
[OutputType(typeof(ImpactActionItem))]
public sealed class GetImpactActionItemCommand : ImpactCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string ActionId { get; set; } = "";

    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    public string? Sku { get; set; }

    private ActionReader? _reader;

    protected override void BeginProcessing() => _reader = new ActionReader(Client());

    protected override void ProcessRecord()
    {
        var actionId = Identifier(nameof(ActionId), ActionId);
        try
        {
            if (!string.IsNullOrWhiteSpace(Sku))
            {
                WriteObject(Await(_reader!.GetItemAsync(actionId, Identifier(nameof(Sku), Sku!), CancellationToken)));
                return;
            }
            var items = _reader!.OpenItems(actionId, CancellationToken);
            try
            {
                while (Await(items.MoveNextAsync())) WriteObject(items.Current);
            }
            finally
            {
                Await(items.DisposeAsync());
            }
        }
        catch (Exception e) when (IsReportable(e))
        {
            WriteError(ErrorFor(e, actionId));
        }
    }
}
