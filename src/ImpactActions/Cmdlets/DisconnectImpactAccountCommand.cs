using System.Management.Automation;
using ImpactActions.Session;

namespace ImpactActions.Cmdlets;

/// <summary>Forgets the session's connection and closes it.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "ImpactAccount")]
[OutputType(typeof(void))]
public sealed class DisconnectImpactAccountCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        var current = ImpactSession.Current;
        ImpactSession.Set(null);
        ImpactSession.LastListing = null;
        WriteVerbose(current is null ? "There was no connection." : $"Disconnected from {current}.");
    }
}
