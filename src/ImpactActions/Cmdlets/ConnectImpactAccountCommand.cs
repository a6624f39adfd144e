using System;
using System.Management.Automation;
using System.Security;
using ImpactActions.Core;
using ImpactActions.Core.Connection;
using ImpactActions.Core.Errors;
using ImpactActions.Core.Hosting;
using ImpactActions.Core.Http;
using ImpactActions.Host;
using ImpactActions.Session;

namespace ImpactActions.Cmdlets;

/// <summary>Connects to an impact.com account for this PowerShell session.</summary>
[Cmdlet(VerbsCommunications.Connect, "ImpactAccount", DefaultParameterSetName = EnvironmentSet)]
[OutputType(typeof(ImpactConnection))]
public sealed class ConnectImpactAccountCommand : PSCmdlet, IDisposable
{
    private const string TokenSet = "Token";
    private const string CredentialSet = "Credential";
    private const string EnvironmentSet = "Environment";

    [Parameter(Mandatory = true, ParameterSetName = TokenSet, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string AccountSid { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = TokenSet, Position = 1)]
    [ValidateNotNull]
    public SecureString? AuthToken { get; set; }

    /// <summary>AccountSID as user name, AuthToken as password (Get-Credential, or Get-Secret from SecretManagement).</summary>
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    [Parameter]
    public Uri BaseUri { get; set; } = ConnectionSettings.DefaultBaseUri;

    [Parameter]
    [ValidateRange(11, 99)]
    public int ApiVersion { get; set; }

    [Parameter]
    [ValidateRange(1, 3600)]
    public int TimeoutSeconds { get; set; } = 100;

    [Parameter]
    [ValidateRange(0, 20)]
    public int MaxRetries { get; set; } = 5;

    /// <summary>The longest wait a 429's Retry-After or a spent rate-limit window may impose before the request fails instead.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int MaxRateLimitWaitSeconds { get; set; } = 3900;

    /// <summary>The proxy every request goes through; without it, the system proxy and HTTPS_PROXY/NO_PROXY apply.</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? Proxy { get; set; }

    /// <summary>The user name and password a proxy asks for (407), for -Proxy or the system proxy.</summary>
    [Parameter]
    [ValidateNotNull]
    [Credential]
    public PSCredential? ProxyCredential { get; set; }

    /// <summary>Answer a proxy that asks for credentials with the signed-in Windows user.</summary>
    [Parameter]
    public SwitchParameter ProxyUseDefaultCredentials { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Connect without the one request that checks the credentials (an offline set-up, a sandbox not started yet).</summary>
    [Parameter]
    public SwitchParameter SkipCredentialCheck { get; set; }

    private readonly ImpactConnection? _previous;
    private readonly System.Threading.CancellationTokenSource _stopping = new();

    /// <summary>Ctrl+C during the credential check.</summary>
    protected override void StopProcessing()
    {
        try
        {
            _stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The command ended while Ctrl+C was on its way.
        }
    }

    /// <summary>PowerShell disposes the command when its pipeline ends.</summary>
    public void Dispose() => _stopping.Dispose();

    /// <summary>
    /// A failed connect must not leave the previous account in place for the next command to act on, and most
    /// failures come before any of the cmdlet's own methods runs: PowerShell binds (and validates) the parameters
    /// first, and an unknown parameter, a value that does not convert, a validation attribute or a missing
    /// mandatory value ends the command there. The one thing PowerShell runs of a cmdlet before binding is its
    /// constructor: the command processor creates the cmdlet, then binds. So the session's connection is forgotten
    /// here, and closed unless the user was given it (-PassThru, Get-ImpactConnection) and may pass it with -Connection:
    /// nothing else can reach it, and its HttpClient would hold its sockets until the process ends.
    /// </summary>
    public ConnectImpactAccountCommand()
    {
        if (System.Management.Automation.Runspaces.Runspace.DefaultRunspace is null) return;
        _previous = ImpactSession.Current.Forget(out var handedOut);
        if (!handedOut) _previous?.Dispose();
    }

    protected override void EndProcessing()
    {
        var previous = _previous;
        var settings = new ConnectionSettings
        {
            BaseUri = BaseUri,
            ApiVersion = MyInvocation.BoundParameters.ContainsKey(nameof(ApiVersion)) ? ApiVersion : null,
            RequestTimeout = TimeSpan.FromSeconds(TimeoutSeconds),
            MaxRetries = MaxRetries,
            MaxRateLimitWait = TimeSpan.FromSeconds(MaxRateLimitWaitSeconds),
            Proxy = Proxy,
            ProxyCredential = ProxyCredential?.GetNetworkCredential(),
            ProxyUseDefaultCredentials = ProxyUseDefaultCredentials,
        };
        switch (ParameterSetName)
        {
            case TokenSet:
                settings.AccountSid = AccountSid;
                settings.AuthToken = AuthToken;
                break;
            case CredentialSet:
                settings.AccountSid = Credential!.UserName;
                settings.AuthToken = Credential.Password;
                break;
        }

        ImpactConnection connection;
        try
        {
            connection = ImpactConnection.Open(settings);
        }
        catch (ImpactConfigurationException e)
        {
            var notConnected = previous is null
                ? " The session is not connected."
                : $" The session is not connected: the previous connection ({previous}) is no longer the session's.";
            ThrowTerminatingError(ErrorCategories.Record(ErrorKinds.InvalidConnection, new ImpactConfigurationException(e.Message + notConnected),
                BaseUri is null ? null : ShownBaseUri(BaseUri)));
            return;
        }
        if (!SkipCredentialCheck) Check(connection, previous);
        ImpactSession.Current.Connect(connection, handedOut: PassThru);
        WriteVerbose($"Connected to {connection} (credentials: {connection.CredentialSource}; {connection.ProxyDescription}).");
        if (PassThru) WriteObject(connection);
    }

    /// <summary>
    /// The BaseUri as an error's TargetObject: as given when it holds nothing that may be a secret, else scheme, host,
    /// port and path only (a token pasted into a query, a password before the host, never go in an error record).
    /// </summary>
    private static object ShownBaseUri(Uri baseUri) =>
        baseUri.IsAbsoluteUri && baseUri.UserInfo.Length == 0 && baseUri.Query.Length == 0 && baseUri.Fragment.Length == 0
            ? baseUri
            : ImpactConnection.Shown(baseUri);

    /// <summary>The one cheap request that proves the credentials (Core's CredentialCheck); a refusal leaves the session not connected.</summary>
    private void Check(ImpactConnection connection, ImpactConnection? previous)
    {
        try
        {
            var dispatcher = new PipelineDispatcher();
            dispatcher.Wait(CredentialCheck.CheckAsync(new ImpactApiClient(connection, new CmdletLog(this, dispatcher)), _stopping.Token), _stopping);
            WriteVerbose($"The API accepted the credentials for {connection.AccountSid}.");
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            connection.Dispose();
            throw new PipelineStoppedException();
        }
        catch (Exception e) when (e is ImpactCredentialsRefusedException or ImpactApiException or ImpactResponseException)
        {
            connection.Dispose();
            var notConnected = previous is null ? " The session is not connected." : $" The session is not connected: the previous connection ({previous}) is no longer the session's.";
            var record = e is ImpactCredentialsRefusedException
                ? ErrorCategories.Record(ErrorKinds.Unauthorized, new ImpactCredentialsRefusedException(e.Message + notConnected, (ImpactApiException)e.InnerException!), connection.AccountSid)
                : e is ImpactApiException { StatusCode: 407 } proxy
                ? ErrorCategories.Record(ErrorKinds.ProxyAuthenticationRequired, new InvalidOperationException(proxy.ApiMessage + notConnected, e), connection.AccountSid)
                : ErrorCategories.Record(ErrorKinds.CredentialCheckFailed,
                    new InvalidOperationException($"The credentials could not be checked ({e.Message.TrimEnd('.')}); connect with -SkipCredentialCheck to go without the check.{notConnected}", e), connection.AccountSid);
            ThrowTerminatingError(record);
        }
    }
}
