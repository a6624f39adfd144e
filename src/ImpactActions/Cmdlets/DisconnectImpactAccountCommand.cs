using System.Management.Automation;
using ImpactActions.Session;

namespace ImpactActions.Cmdlets;

/// <summary>Forgets the session's connection and closes it (other connections held with -PassThru stay open).</summary>
[Cmdlet(VerbsCommunications.Disconnect, "ImpactAccount")]
[OutputType(typeof(void))]
public sealed class DisconnectImpactAccountCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        var current = ImpactSession.Current.Forget();
        current?.Dispose();
        WriteVerbose(current is null ? "There was no connection." : $"Disconnected from {current}.");
    }
}
