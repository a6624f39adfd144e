using System;

namespace ImpactActions.Sandbox.Queue;

public static class SubmissionStatus
{
    public const string Queued = "Queued";
    public const string InProgress = "In Progress";
    public const string Complete = "Complete";
}

/// <summary>What <c>GET /APISubmissions/{BatchId}</c> shows. Immutable: the queue swaps in each new state.</summary>
public sealed record SubmissionRecord
{
    public required string BatchId { get; init; }
    public required string AccountSid { get; init; }
    public required DateTimeOffset SubmissionDate { get; init; }
    public int? CampaignId { get; init; }
    public int? ActionTrackerId { get; init; }
    public int? MediaPartnerId { get; init; }
    public string EventCode { get; init; } = "";
    public string OrderId { get; init; } = "";
    public required string Payload { get; init; }

    /// <summary>Modification or Reversal.</summary>
    public required string Type { get; init; }

    public string Status { get; init; } = SubmissionStatus.Queued;
    public DateTimeOffset? CompletionDate { get; init; }
    public string ErrorType { get; init; } = "";
    public string ErrorReason { get; init; } = "";
    public string Uri => $"/Advertisers/{AccountSid}/APISubmissions/{BatchId}";
}
