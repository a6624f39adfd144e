using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core;
using ImpactActions.Core.Connection;
using ImpactActions.Core.Errors;
using ImpactActions.Core.Hosting;
using ImpactActions.Core.Http;
using ImpactActions.Core.Paging;
using ImpactActions.Host;
using ImpactActions.Session;

namespace ImpactActions.Cmdlets;

/// <summary>
/// What every ImpactActions cmdlet shares: -Connection (the session's connection otherwise), a
/// cancellation that Ctrl+C (StopProcessing) triggers and that reaches every request and wait, and
/// a dispatcher that keeps PowerShell calls on the pipeline thread while Core works.
/// </summary>
public abstract class ImpactCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private PipelineDispatcher? _dispatcher;

    /// <summary>The connection to use instead of the session's (from Connect-ImpactAccount -PassThru).</summary>
    [Parameter]
    public ImpactConnection? Connection { get; set; }

    protected CancellationToken CancellationToken => _stopping.Token;

    internal PipelineDispatcher Dispatcher => _dispatcher ??= new PipelineDispatcher();

    protected ImpactApiClient Client() => new(ResolveConnection(), new CmdletLog(this, Dispatcher));

    protected ImpactConnection ResolveConnection()
    {
        var connection = Connection ?? ImpactSession.Current.Connection;
        if (connection is null)
            ThrowTerminatingError(ErrorCategories.Record(ErrorKinds.NotConnected, new InvalidOperationException("Not connected: run Connect-ImpactAccount first, or pass -Connection."), null));
        if (connection!.IsClosed)
            ThrowTerminatingError(ErrorCategories.Record(ErrorKinds.ConnectionClosed, new ImpactConfigurationException(connection.ClosedMessage()), null));
        return connection;
    }

    /// <summary>Waits for Core's work on the pipeline thread; Ctrl+C ends it promptly.</summary>
    protected T Await<T>(Task<T> task)
    {
        try
        {
            return Dispatcher.Wait(task, _stopping);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    protected void Await(Task task)
    {
        try
        {
            Dispatcher.Wait(task, _stopping);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>
    /// An identifier as given (an ActionId, a Sku, a BatchId): the spaces around it are not part of it, as in a CSV
    /// row of Set-ImpactActionItem, and the verbose stream says so when there were any.
    /// </summary>
    protected string Identifier(string name, string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length != value.Length && trimmed.Length > 0)
            WriteVerbose($"The spaces around {name} '{value}' are not part of it; it is read as '{trimmed}'.");
        return trimmed;
    }

    /// <summary>An error from Core as a PowerShell error record with a stable ErrorId and the right category.</summary>
    protected static ErrorRecord ErrorFor(Exception exception, object? target) => ErrorCategories.Record(KindOf(exception), exception, target);

    private static ErrorKind KindOf(Exception exception) => exception switch
    {
        ImpactNotFoundException => ErrorKinds.NotFound,
        ImpactQueryException => ErrorKinds.InvalidQuery,
        ImpactConfigurationException => ErrorKinds.InvalidConnection,
        ImpactApiException { ConnectionClosed: true } => ErrorKinds.ConnectionClosed,
        ImpactApiException { StatusCode: 407 } => ErrorKinds.ProxyAuthenticationRequired,
        ImpactApiException { StatusCode: 401 or 403 } => ErrorKinds.Unauthorized,
        ImpactApiException { StatusCode: >= 400 and < 500 and not 429 } => ErrorKinds.ApiRefused,
        ImpactApiException => ErrorKinds.ApiUnavailable,
        ImpactResponseException => ErrorKinds.InvalidResponse,
        _ => ErrorKinds.Unexpected,
    };

    /// <summary>
    /// Whether a failure is the cmdlet's to report as an error, rather than the pipeline stopping: Ctrl+C,
    /// a downstream Select-Object -First that has what it wants, or a closed pipeline.
    /// </summary>
    protected bool IsReportable(Exception exception) =>
        exception is not (PipelineStoppedException or PipelineClosedException)
        && exception.GetType().Name != "StopUpstreamCommandsException"
        && !(exception is OperationCanceledException && _stopping.IsCancellationRequested);

    protected override void StopProcessing()
    {
        try
        {
            _stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The command ended while Ctrl+C was on its way: there is nothing left to stop.
        }
    }

    /// <summary>PowerShell disposes a command when its pipeline ends, however it ended.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the command owns: its cancellation and dispatcher, and what a derived command adds.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing) return;
        _dispatcher?.Dispose();
        _stopping.Dispose();
    }
}
