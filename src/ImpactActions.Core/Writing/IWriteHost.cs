namespace ImpactActions.Core.Writing;

/// <summary>What Core asks of whoever runs a write (a cmdlet, or a test's fake).</summary>
public interface IWriteHost
{
    /// <summary>Whether to send: the cmdlet's ShouldProcess. <paramref name="target"/> names the action, <paramref name="operation"/> what would be sent.</summary>
    bool ShouldSend(string target, string operation);

    /// <summary>The outcome of one input row, as soon as it is known.</summary>
    void Report(RowResult result);

    /// <summary>Rows seen so far and rows with an outcome, for progress.</summary>
    void Progress(long rowsSeen, long rowsDone);
}
