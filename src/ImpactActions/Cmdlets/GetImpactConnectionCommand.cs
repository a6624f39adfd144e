using System.Management.Automation;
using ImpactActions.Core.Connection;
using ImpactActions.Session;

namespace ImpactActions.Cmdlets;

/// <summary>The session's connection: account, address, version pin and where its credentials came from; never the token.</summary>
[Cmdlet(VerbsCommon.Get, "ImpactConnection")]
[OutputType(typeof(ImpactConnection))]
public sealed class GetImpactConnectionCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        if (ImpactSession.Current.HandOut() is { } connection) WriteObject(connection);
        else WriteVerbose("Not connected: run Connect-ImpactAccount.");
    }
}
