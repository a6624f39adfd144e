using System;

namespace ImpactActions.Core.Records;

/// <summary>
/// An APISubmission: the queued processing of one write. There is no failed status: a Complete
/// submission failed when <see cref="ErrorType"/> or <see cref="ErrorReason"/> is set.
/// </summary>
public sealed class ImpactSubmission
{
    public const string StatusComplete = "Complete";

    public string? BatchId { get; set; }
    public string? AccountId { get; set; }
    public DateTimeOffset? SubmissionDate { get; set; }
    public long? CampaignId { get; set; }
    public long? ActionTrackerId { get; set; }
    public long? MediaPartnerId { get; set; }
    public string? EventCode { get; set; }
    public string? OrderId { get; set; }
    public string? Payload { get; set; }
    public string? Type { get; set; }
    public string? Status { get; set; }
    public DateTimeOffset? CompletionDate { get; set; }
    public string? ErrorType { get; set; }
    public string? ErrorReason { get; set; }
    public string? Uri { get; set; }

    public bool IsComplete => string.Equals(Status, StatusComplete, StringComparison.OrdinalIgnoreCase);

    public bool IsFailed => IsComplete && (!string.IsNullOrEmpty(ErrorType) || !string.IsNullOrEmpty(ErrorReason));

    public override string ToString() => $"{BatchId} {Status}{(IsFailed ? $" {ErrorType}: {ErrorReason}" : "")}";
}
