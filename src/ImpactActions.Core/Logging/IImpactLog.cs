namespace ImpactActions.Core.Logging;

/// <summary>
/// Where Core reports what it does: each request, retry and wait (verbose), bodies (debug). Cmdlets
/// turn it into WriteVerbose/WriteDebug. Everything passes through <see cref="RedactingLog"/> first.
/// </summary>
public interface IImpactLog
{
    void Verbose(string message);

    void Debug(string message);

    /// <summary>Something the user should see without -Verbose: a long wait, and why.</summary>
    void Warning(string message);
}

public sealed class NullLog : IImpactLog
{
    public static readonly NullLog Instance = new();

    public void Verbose(string message)
    {
    }

    public void Debug(string message)
    {
    }

    public void Warning(string message)
    {
    }
}
