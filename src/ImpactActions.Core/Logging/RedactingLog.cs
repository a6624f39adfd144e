using System;
using System.Collections.Generic;
using System.Linq;

namespace ImpactActions.Core.Logging;

/// <summary>Removes every form of the AuthToken (plain, and inside a Basic credential) from text before it leaves Core.</summary>
public sealed class Redactor
{
    public const string Mask = "[redacted]";
    private readonly string[] _secrets;

    public Redactor(IEnumerable<string> secrets) =>
        _secrets = secrets.Where(s => !string.IsNullOrEmpty(s)).Distinct().OrderByDescending(s => s.Length).ToArray();

    public static readonly Redactor None = new(Array.Empty<string>());

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var result = text!;
        foreach (var secret in _secrets)
            if (result.IndexOf(secret, StringComparison.Ordinal) >= 0) result = result.Replace(secret, Mask);
        return result;
    }
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
