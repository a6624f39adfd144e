using System;
using System.Management.Automation;
using System.Security;
using ImpactActions.Core.Connection;
using ImpactActions.Session;

namespace ImpactActions.Cmdlets;

/// <summary>Connects to an impact.com account for this PowerShell session.</summary>
[Cmdlet(VerbsCommunications.Connect, "ImpactAccount", DefaultParameterSetName = EnvironmentSet)]
[OutputType(typeof(ImpactConnection))]
public sealed class ConnectImpactAccountCommand : PSCmdlet
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

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        var settings = new ConnectionSettings
        {
            BaseUri = BaseUri,
            ApiVersion = MyInvocation.BoundParameters.ContainsKey(nameof(ApiVersion)) ? ApiVersion : null,
            RequestTimeout = TimeSpan.FromSeconds(TimeoutSeconds),
            MaxRetries = MaxRetries,
            MaxRateLimitWait = TimeSpan.FromSeconds(MaxRateLimitWaitSeconds),
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
            ThrowTerminatingError(new ErrorRecord(e, "ImpactActions.InvalidConnection", ErrorCategory.InvalidArgument, BaseUri));
            return;
        }
        ImpactSession.Current.Connection = connection;
        WriteVerbose($"Connected to {connection} (credentials: {connection.CredentialSource}).");
        if (PassThru) WriteObject(connection);
    }
}
