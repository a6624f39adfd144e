using System;
using System.Security.Cryptography;
using System.Text;

namespace ImpactActions.Sandbox.Pipeline;

/// <summary>HTTP Basic with AccountSID as user and AuthToken as password.</summary>
public static class BasicAuthentication
{
    /// <summary>The AccountSID the header proves, or null when it proves nothing.</summary>
    public static string? Authenticate(string? authorization, string accountSid, string authToken)
    {
        if (authorization is null || !authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization.Substring(6).Trim()));
        }
        catch (FormatException)
        {
            return null;
        }
        var colon = decoded.IndexOf(':');
        if (colon < 0) return null;
        var user = decoded.Substring(0, colon);
        var password = decoded.Substring(colon + 1);
        var matches = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(authToken));
        return matches && user == accountSid ? user : null;
    }
}
