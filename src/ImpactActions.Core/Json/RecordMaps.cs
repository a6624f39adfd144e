using System.Text.Json;
using ImpactActions.Core.Records;

namespace ImpactActions.Core.Json;

/// <summary>The field maps of the API's records: every documented field, each read leniently.</summary>
internal static class RecordMaps
{
    public static readonly RecordFieldMap<ImpactAction> Action = new(
        ("Id", (ref Utf8JsonReader r, ImpactAction a) => a.Id = LenientJson.String(ref r)),
        ("CampaignId", (ref Utf8JsonReader r, ImpactAction a) => a.CampaignId = LenientJson.Long(ref r)),
        ("CampaignName", (ref Utf8JsonReader r, ImpactAction a) => a.CampaignName = LenientJson.String(ref r)),
        ("ActionTrackerId", (ref Utf8JsonReader r, ImpactAction a) => a.ActionTrackerId = LenientJson.Long(ref r)),
        ("ActionTrackerName", (ref Utf8JsonReader r, ImpactAction a) => a.ActionTrackerName = LenientJson.String(ref r)),
        ("EventCode", (ref Utf8JsonReader r, ImpactAction a) => a.EventCode = LenientJson.String(ref r)),
        ("MediaPartnerId", (ref Utf8JsonReader r, ImpactAction a) => a.MediaPartnerId = LenientJson.Long(ref r)),
        ("MediaPartnerName", (ref Utf8JsonReader r, ImpactAction a) => a.MediaPartnerName = LenientJson.String(ref r)),
        ("State", (ref Utf8JsonReader r, ImpactAction a) => a.State = LenientJson.String(ref r)),
        ("AdId", (ref Utf8JsonReader r, ImpactAction a) => a.AdId = LenientJson.Long(ref r)),
        ("ClientCost", (ref Utf8JsonReader r, ImpactAction a) => a.ClientCost = LenientJson.Decimal(ref r)),
        ("Payout", (ref Utf8JsonReader r, ImpactAction a) => a.Payout = LenientJson.Decimal(ref r)),
        ("DeltaPayout", (ref Utf8JsonReader r, ImpactAction a) => a.DeltaPayout = LenientJson.Decimal(ref r)),
        ("IntendedPayout", (ref Utf8JsonReader r, ImpactAction a) => a.IntendedPayout = LenientJson.Decimal(ref r)),
        ("Amount", (ref Utf8JsonReader r, ImpactAction a) => a.Amount = LenientJson.Decimal(ref r)),
        ("DeltaAmount", (ref Utf8JsonReader r, ImpactAction a) => a.DeltaAmount = LenientJson.Decimal(ref r)),
        ("IntendedAmount", (ref Utf8JsonReader r, ImpactAction a) => a.IntendedAmount = LenientJson.Decimal(ref r)),
        ("Currency", (ref Utf8JsonReader r, ImpactAction a) => a.Currency = LenientJson.String(ref r)),
        ("ReferringDate", (ref Utf8JsonReader r, ImpactAction a) => a.ReferringDate = LenientJson.Date(ref r)),
        ("EventDate", (ref Utf8JsonReader r, ImpactAction a) => a.EventDate = LenientJson.Date(ref r)),
        ("CreationDate", (ref Utf8JsonReader r, ImpactAction a) => a.CreationDate = LenientJson.Date(ref r)),
        ("LockingDate", (ref Utf8JsonReader r, ImpactAction a) => a.LockingDate = LenientJson.Date(ref r)),
        ("ClearedDate", (ref Utf8JsonReader r, ImpactAction a) => a.ClearedDate = LenientJson.Date(ref r)),
        ("ReferringType", (ref Utf8JsonReader r, ImpactAction a) => a.ReferringType = LenientJson.String(ref r)),
        ("ReferringDomain", (ref Utf8JsonReader r, ImpactAction a) => a.ReferringDomain = LenientJson.String(ref r)),
        ("PromoCode", (ref Utf8JsonReader r, ImpactAction a) => a.PromoCode = LenientJson.String(ref r)),
        ("Oid", (ref Utf8JsonReader r, ImpactAction a) => a.Oid = LenientJson.String(ref r)),
        ("CustomerId", (ref Utf8JsonReader r, ImpactAction a) => a.CustomerId = LenientJson.String(ref r)),
        ("CustomerStatus", (ref Utf8JsonReader r, ImpactAction a) => a.CustomerStatus = LenientJson.String(ref r)),
        ("CustomerPostCode", (ref Utf8JsonReader r, ImpactAction a) => a.CustomerPostCode = LenientJson.String(ref r)),
        ("CustomerArea", (ref Utf8JsonReader r, ImpactAction a) => a.CustomerArea = LenientJson.String(ref r)),
        ("CustomerCity", (ref Utf8JsonReader r, ImpactAction a) => a.CustomerCity = LenientJson.String(ref r)),
        ("CustomerRegion", (ref Utf8JsonReader r, ImpactAction a) => a.CustomerRegion = LenientJson.String(ref r)),
        ("CustomerCountry", (ref Utf8JsonReader r, ImpactAction a) => a.CustomerCountry = LenientJson.String(ref r)),
        ("IpAddress", (ref Utf8JsonReader r, ImpactAction a) => a.IpAddress = LenientJson.String(ref r)),
        ("SharedId", (ref Utf8JsonReader r, ImpactAction a) => a.SharedId = LenientJson.String(ref r)),
        ("CallerId", (ref Utf8JsonReader r, ImpactAction a) => a.CallerId = LenientJson.String(ref r)),
        ("Note", (ref Utf8JsonReader r, ImpactAction a) => a.Note = LenientJson.String(ref r)),
        ("Uri", (ref Utf8JsonReader r, ImpactAction a) => a.Uri = LenientJson.String(ref r)));

    public static readonly RecordFieldMap<ImpactActionItem> Item = new(
        ("Sku", (ref Utf8JsonReader r, ImpactActionItem i) => i.Sku = LenientJson.String(ref r)),
        ("ItemName", (ref Utf8JsonReader r, ImpactActionItem i) => i.ItemName = LenientJson.String(ref r)),
        ("Category", (ref Utf8JsonReader r, ImpactActionItem i) => i.Category = LenientJson.String(ref r)),
        ("Quantity", (ref Utf8JsonReader r, ImpactActionItem i) => i.Quantity = LenientJson.Int(ref r)),
        ("SaleAmount", (ref Utf8JsonReader r, ImpactActionItem i) => i.SaleAmount = LenientJson.Decimal(ref r)),
        ("SaleAmountCurrency", (ref Utf8JsonReader r, ImpactActionItem i) => i.SaleAmountCurrency = LenientJson.String(ref r)),
        ("Payout", (ref Utf8JsonReader r, ImpactActionItem i) => i.Payout = LenientJson.Decimal(ref r)),
        ("PayoutCurrency", (ref Utf8JsonReader r, ImpactActionItem i) => i.PayoutCurrency = LenientJson.String(ref r)),
        ("Rebate", (ref Utf8JsonReader r, ImpactActionItem i) => i.Rebate = LenientJson.Decimal(ref r)),
        ("RebateCurrency", (ref Utf8JsonReader r, ImpactActionItem i) => i.RebateCurrency = LenientJson.String(ref r)),
        ("AdjustmentDate", (ref Utf8JsonReader r, ImpactActionItem i) => i.AdjustmentDate = LenientJson.Date(ref r)),
        ("AdjustmentReason", (ref Utf8JsonReader r, ImpactActionItem i) => i.AdjustmentReason = LenientJson.String(ref r)),
        ("Uri", (ref Utf8JsonReader r, ImpactActionItem i) => i.Uri = LenientJson.String(ref r)));

    public static readonly RecordFieldMap<ImpactSubmission> Submission = new(
        ("BatchId", (ref Utf8JsonReader r, ImpactSubmission s) => s.BatchId = LenientJson.String(ref r)),
        ("AccountId", (ref Utf8JsonReader r, ImpactSubmission s) => s.AccountId = LenientJson.String(ref r)),
        ("SubmissionDate", (ref Utf8JsonReader r, ImpactSubmission s) => s.SubmissionDate = LenientJson.Date(ref r)),
        ("CampaignId", (ref Utf8JsonReader r, ImpactSubmission s) => s.CampaignId = LenientJson.Long(ref r)),
        ("ActionTrackerId", (ref Utf8JsonReader r, ImpactSubmission s) => s.ActionTrackerId = LenientJson.Long(ref r)),
        ("MediaPartnerId", (ref Utf8JsonReader r, ImpactSubmission s) => s.MediaPartnerId = LenientJson.Long(ref r)),
        ("EventCode", (ref Utf8JsonReader r, ImpactSubmission s) => s.EventCode = LenientJson.String(ref r)),
        ("OrderId", (ref Utf8JsonReader r, ImpactSubmission s) => s.OrderId = LenientJson.String(ref r)),
        ("Payload", (ref Utf8JsonReader r, ImpactSubmission s) => s.Payload = LenientJson.String(ref r)),
        ("Type", (ref Utf8JsonReader r, ImpactSubmission s) => s.Type = LenientJson.String(ref r)),
        ("Status", (ref Utf8JsonReader r, ImpactSubmission s) => s.Status = LenientJson.String(ref r)),
        ("CompletionDate", (ref Utf8JsonReader r, ImpactSubmission s) => s.CompletionDate = LenientJson.Date(ref r)),
        ("ErrorType", (ref Utf8JsonReader r, ImpactSubmission s) => s.ErrorType = LenientJson.String(ref r)),
        ("ErrorReason", (ref Utf8JsonReader r, ImpactSubmission s) => s.ErrorReason = LenientJson.String(ref r)),
        ("Uri", (ref Utf8JsonReader r, ImpactSubmission s) => s.Uri = LenientJson.String(ref r)));

    public static readonly RecordFieldMap<PageEnvelope> Envelope = new(
        ("@page", (ref Utf8JsonReader r, PageEnvelope e) => e.Page = LenientJson.Int(ref r)),
        ("@numpages", (ref Utf8JsonReader r, PageEnvelope e) => e.NumPages = LenientJson.Int(ref r)),
        ("@pagesize", (ref Utf8JsonReader r, PageEnvelope e) => e.PageSize = LenientJson.Int(ref r)),
        ("@total", (ref Utf8JsonReader r, PageEnvelope e) => e.Total = LenientJson.Long(ref r)),
        ("@nextpageuri", (ref Utf8JsonReader r, PageEnvelope e) => e.NextPageUri = LenientJson.String(ref r)),
        // Some documentation spells the links with "ruri"; accept that spelling of the next link too.
        ("@nextpageruri", (ref Utf8JsonReader r, PageEnvelope e) => e.NextPageUri = LenientJson.String(ref r)));
}
