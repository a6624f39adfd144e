using System;
using System.Net;

namespace ImpactActions.Core.Connection;

/// <summary>
/// Windows PowerShell often runs with ServicePointManager.SecurityProtocol at Ssl3 | Tls, the legacy
/// default where the registry says nothing, and public APIs refuse TLS 1.0. HttpClient on .NET Framework
/// offers only what that setting allows, so TLS 1.2 (and 1.3 where this runtime knows it) is added to it.
/// Added, never replaced: another module's choice stays. SystemDefault stays SystemDefault: the operating
/// system then chooses, and a fixed list would stop it from offering newer versions later.
/// </summary>
internal static class FrameworkTls
{
    private const SecurityProtocolType SystemDefault = 0;
    private const SecurityProtocolType Tls12 = (SecurityProtocolType)3072;
    private const SecurityProtocolType Tls13 = (SecurityProtocolType)12288;

    /// <summary>On .NET Framework and Mono, adds TLS 1.2 and 1.3 to what the process allows; elsewhere does nothing.</summary>
    public static void AllowModernVersions()
    {
        if (!RuntimeFamily.IsFrameworkLike) return;
        var current = ServicePointManager.SecurityProtocol;
        var wanted = WithModernVersions(current, Enum.IsDefined(typeof(SecurityProtocolType), Tls13));
        if (wanted == current) return;
        try
        {
            ServicePointManager.SecurityProtocol = wanted;
        }
        catch (NotSupportedException)
        {
            // A runtime that names TLS 1.3 but cannot offer it: TLS 1.2 alone is what the API needs.
            ServicePointManager.SecurityProtocol = current | Tls12;
        }
    }

    internal static SecurityProtocolType WithModernVersions(SecurityProtocolType current, bool runtimeKnowsTls13)
    {
        if (current == SystemDefault) return current;
        var wanted = current | Tls12;
        return runtimeKnowsTls13 ? wanted | Tls13 : wanted;
    }
}
