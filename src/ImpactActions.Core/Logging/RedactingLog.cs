using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Authentication;
using System.Text.RegularExpressions;

namespace ImpactActions.Core.Logging;

/// <summary>
/// Removes secrets from text before it leaves Core (docs/design.md, "Redaction"):
/// <list type="bullet">
/// <item>the user name and password of any URL in any text (<c>scheme://user:password@host</c>), whatever they are;</item>
/// <item>the AuthToken (plain, URL-encoded) and every Basic credential, anywhere;</item>
/// <item>a proxy password, in every spelling, in the runtime's failure texts (<see cref="RedactFailure"/>): the only
/// place it can appear besides a URL's user info. Not in the module's own text (request paths, answers), which
/// never holds it: a short password such as "Actions" would otherwise garble every path and, in doing so, show itself.</item>
/// </list>
/// </summary>
public sealed class Redactor
{
    public const string Mask = "[redacted]";

    private static readonly Regex UserInfo = new(@"(?<scheme>\b[A-Za-z][A-Za-z0-9+.\-]*://)(?<info>[^/\s@?#'""<>]*)@", RegexOptions.CultureInvariant);

    private readonly string[] _everywhere;
    private readonly string[] _inFailures;

    public Redactor(IEnumerable<string> secrets, IEnumerable<string>? failureSecrets = null)
    {
        _everywhere = Order(secrets);
        _inFailures = Order(failureSecrets ?? Array.Empty<string>());
    }

    /// <summary>Text of the module's own making (requests, answers, verbose lines): URL user info, the AuthToken, Basic credentials.</summary>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var result = text!;
        if (result.IndexOf("://", StringComparison.Ordinal) >= 0) result = UserInfo.Replace(result, m => m.Groups["scheme"].Value + Mask + "@");
        return Replace(result, _everywhere);
    }

    /// <summary>A failure's text from the runtime (an exception message): also every proxy password, however short.</summary>
    public string RedactFailure(string? text) => Replace(Redact(text), _inFailures);

    /// <summary>
    /// The exception itself, as a user can reach it (<c>$error[0].Exception.InnerException</c>): the same chain when
    /// no message of it holds a secret, otherwise a copy whose every message is redacted, of the same types where
    /// they can be made (HttpRequestException, WebException with its status, IOException, …).
    /// </summary>
    public Exception RedactException(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (!string.Equals(RedactFailure(e.Message), e.Message, StringComparison.Ordinal)) return Copy(exception);
        return exception;
    }

    private Exception Copy(Exception e)
    {
        var inner = e.InnerException is null ? null : Copy(e.InnerException);
        var message = RedactFailure(e.Message);
        if (ReferenceEquals(inner, e.InnerException) && string.Equals(message, e.Message, StringComparison.Ordinal)) return e;
        return e switch
        {
            HttpRequestException => new HttpRequestException(message, inner),
            WebException web => new WebException(message, inner, web.Status, null),
            AuthenticationException => new AuthenticationException(message, inner),
            TimeoutException => new TimeoutException(message, inner),
            OperationCanceledException => new OperationCanceledException(message, inner),
            IOException => new IOException(message, inner),
            _ => new RedactedException(e.GetType().FullName ?? e.GetType().Name, message, inner),
        };
    }

    private static string[] Order(IEnumerable<string> secrets) =>
        secrets.Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToArray();

    private static string Replace(string text, string[] secrets)
    {
        var result = text;
        foreach (var secret in secrets)
            if (result.IndexOf(secret, StringComparison.Ordinal) >= 0) result = result.Replace(secret, Mask);
        return result;
    }
}

/// <summary>A failure whose message held a secret, redacted; <see cref="OriginalType"/> names what it was.</summary>
public sealed class RedactedException : Exception
{
    public RedactedException(string originalType, string message, Exception? inner) : base(message, inner) => OriginalType = originalType;

    public string OriginalType { get; }
}

/// <summary>An <see cref="IImpactLog"/> that redacts before passing on.</summary>
public sealed class RedactingLog : IImpactLog
{
    private readonly IImpactLog _inner;
    private readonly Redactor _redactor;

    public RedactingLog(IImpactLog inner, Redactor redactor)
    {
        _inner = inner;
        _redactor = redactor;
    }

    public void Verbose(string message) => _inner.Verbose(_redactor.Redact(message));

    public void Debug(string message) => _inner.Debug(_redactor.Redact(message));

    public void Warning(string message) => _inner.Warning(_redactor.Redact(message));
}
