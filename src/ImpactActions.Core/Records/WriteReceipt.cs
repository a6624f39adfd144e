namespace ImpactActions.Core.Records;

/// <summary>What a write answers beside its status (QUEUED): where its submission can be read.</summary>
public sealed class WriteReceipt
{
    public WriteReceipt(string queuedUri)
    {
        QueuedUri = queuedUri;
        BatchId = SubmissionIds.BatchIdOf(queuedUri);
    }

    public string QueuedUri { get; }
    public string BatchId { get; }

    public override string ToString() => BatchId;
}

public static class SubmissionIds
{
    private static readonly char[] QueryOrFragment = { '?', '#' };

    /// <summary>The last path segment of a QueuedUri (relative or absolute), or the text itself when it is already a BatchId.</summary>
    public static string BatchIdOf(string queuedUriOrBatchId)
    {
        var text = queuedUriOrBatchId.Trim();
        var query = text.IndexOfAny(QueryOrFragment);
        if (query >= 0) text = text.Substring(0, query);
        var slash = text.TrimEnd('/').LastIndexOf('/');
        return slash < 0 ? text : text.Substring(slash + 1).TrimEnd('/');
    }
}
