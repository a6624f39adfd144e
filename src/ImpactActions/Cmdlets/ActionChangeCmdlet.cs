using System.Management.Automation;
using ImpactActions.Core.Writing;
using ImpactActions.Host;

namespace ImpactActions.Cmdlets;

/// <summary>Set-ImpactAction and Undo-ImpactAction: an action named by ActionId, or ActionTrackerId with OrderId.</summary>
public abstract class ActionChangeCmdlet : ImpactCmdlet
{
    protected const string ByIdSet = "ById";
    protected const string ByOrderSet = "ByOrder";

    [Parameter(Mandatory = true, ParameterSetName = ByIdSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string ActionId { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = ByOrderSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ActionTrackerId { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = ByOrderSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Oid")]
    [ValidateNotNullOrEmpty]
    public string OrderId { get; set; } = "";

    private ActionChangeWriter? _writer;
    private CmdletWriteHost? _host;
    private long _row;

    protected override void BeginProcessing()
    {
        _host = new CmdletWriteHost(this, Dispatcher, MyInvocation.MyCommand.Name);
        _writer = new ActionChangeWriter(Client(), _host);
    }

    protected override void ProcessRecord()
    {
        _row++;
        var input = Input();
        input.Row = _row;
        if (ParameterSetName == ByIdSet) input.ActionId = ActionId;
        else
        {
            input.ActionTrackerId = ActionTrackerId;
            input.OrderId = OrderId;
        }
        _host!.Write(Await(Send(_writer!, input)));
    }

    protected abstract ActionChangeInput Input();

    protected abstract System.Threading.Tasks.Task<RowResult> Send(ActionChangeWriter writer, ActionChangeInput input);
}
