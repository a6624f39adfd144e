using System;
using System.Management.Automation;
using System.Management.Automation.Host;

namespace ImpactActions.Host;

/// <summary>Confirmations a cmdlet asks for (ShouldProcess, ShouldContinue), and what it does when the host cannot ask.</summary>
internal static class Prompts
{
    /// <summary>
    /// Whether a prompt failed because the host cannot ask: pwsh -NonInteractive ("PowerShell is in NonInteractive
    /// mode"), a hosted runspace without a user interface (a HostException), a host that does not implement prompts.
    /// Ctrl+C while asking is a stop, not this.
    /// </summary>
    public static bool CannotAsk(Exception exception) =>
        exception is HostException or InvalidOperationException or NotSupportedException or NotImplementedException
        && exception is not (PipelineStoppedException or ObjectDisposedException);
}
