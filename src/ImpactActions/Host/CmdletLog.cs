using System.Management.Automation;
using ImpactActions.Core.Hosting;
using ImpactActions.Core.Logging;

namespace ImpactActions.Host;

/// <summary>Core's log as -Verbose and -Debug output. Core redacts the token before a line gets here.</summary>
internal sealed class CmdletLog : IImpactLog
{
    private readonly Cmdlet _cmdlet;
    private readonly PipelineDispatcher _dispatcher;

    public CmdletLog(Cmdlet cmdlet, PipelineDispatcher dispatcher)
    {
        _cmdlet = cmdlet;
        _dispatcher = dispatcher;
    }

    public void Verbose(string message) => _dispatcher.Post(() => _cmdlet.WriteVerbose(message));

    public void Debug(string message) => _dispatcher.Post(() => _cmdlet.WriteDebug(message));

    public void Warning(string message) => _dispatcher.Post(() => _cmdlet.WriteWarning(message));
}
