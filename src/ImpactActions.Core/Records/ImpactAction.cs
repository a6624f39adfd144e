using System;

namespace ImpactActions.Core.Records;

/// <summary>An action (a conversion credited to a partner) as the API describes it. Missing values are null.</summary>
public sealed class ImpactAction
{
    public string? Id { get; set; }
    public long? CampaignId { get; set; }
    public string? CampaignName { get; set; }
    public long? ActionTrackerId { get; set; }
    public string? ActionTrackerName { get; set; }
    public string? EventCode { get; set; }
    public long? MediaPartnerId { get; set; }
    public string? MediaPartnerName { get; set; }
    public string? State { get; set; }
    public long? AdId { get; set; }
    public decimal? ClientCost { get; set; }
    public decimal? Payout { get; set; }
    public decimal? DeltaPayout { get; set; }
    public decimal? IntendedPayout { get; set; }
    public decimal? Amount { get; set; }
    public decimal? DeltaAmount { get; set; }
    public decimal? IntendedAmount { get; set; }
    public string? Currency { get; set; }
    public DateTimeOffset? ReferringDate { get; set; }
    public DateTimeOffset? EventDate { get; set; }
    public DateTimeOffset? CreationDate { get; set; }
    public DateTimeOffset? LockingDate { get; set; }
    public DateTimeOffset? ClearedDate { get; set; }
    public string? ReferringType { get; set; }
    public string? ReferringDomain { get; set; }
    public string? PromoCode { get; set; }
    public string? Oid { get; set; }
    public string? CustomerId { get; set; }
    public string? CustomerStatus { get; set; }
    public string? CustomerPostCode { get; set; }
    public string? CustomerArea { get; set; }
    public string? CustomerCity { get; set; }
    public string? CustomerRegion { get; set; }
    public string? CustomerCountry { get; set; }
    public string? IpAddress { get; set; }
    public string? SharedId { get; set; }
    public string? CallerId { get; set; }
    public string? Note { get; set; }
    public string? Uri { get; set; }

    public override string ToString() => $"{Id} {State} {Amount} {Currency}";
}
