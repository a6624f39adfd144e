using System;
using System.Security;

namespace ImpactActions.Core.Connection;

/// <summary>Where the credentials of a connection came from.</summary>
public enum CredentialSource
{
    Explicit,
    Environment,
}

/// <summary>
/// Finds AccountSID and AuthToken in a documented order, for unattended runs: values given
/// explicitly, then the IMPACT_ACCOUNT_SID and IMPACT_AUTH_TOKEN environment variables.
/// The two halves always come from the same place.
/// </summary>
public static class CredentialResolver
{
    public const string AccountSidVariable = "IMPACT_ACCOUNT_SID";
    public const string AuthTokenVariable = "IMPACT_AUTH_TOKEN";

    public static (string AccountSid, SecureString AuthToken, CredentialSource Source) Resolve(
        string? accountSid, SecureString? authToken, Func<string, string?>? environment = null)
    {
        if (!string.IsNullOrWhiteSpace(accountSid) || authToken is not null)
        {
            if (string.IsNullOrWhiteSpace(accountSid))
                throw new ImpactConfigurationException("An AuthToken was given without an AccountSid.");
            if (authToken is null || authToken.Length == 0)
                throw new ImpactConfigurationException($"AccountSid {accountSid} was given without an AuthToken.");
            return (accountSid!.Trim(), authToken, CredentialSource.Explicit);
        }

        environment ??= Environment.GetEnvironmentVariable;
        var sid = environment(AccountSidVariable);
        var token = environment(AuthTokenVariable);
        if (!string.IsNullOrWhiteSpace(sid) && !string.IsNullOrEmpty(token))
            return (sid!.Trim(), SecretText.Protect(token!), CredentialSource.Environment);
        if (!string.IsNullOrWhiteSpace(sid) || !string.IsNullOrEmpty(token))
            throw new ImpactConfigurationException($"Only one of {AccountSidVariable} and {AuthTokenVariable} is set; set both, or pass -AccountSid and -AuthToken, or -Credential, to Connect-ImpactAccount.");
        throw new ImpactConfigurationException(
            $"No credentials: pass -AccountSid and -AuthToken (or -Credential) to Connect-ImpactAccount, or set {AccountSidVariable} and {AuthTokenVariable}.");
    }
}

/// <summary>A connection cannot be made as asked: missing credentials, an insecure address, a bad setting.</summary>
public sealed class ImpactConfigurationException : Exception
{
    public ImpactConfigurationException(string message) : base(message)
    {
    }
}
