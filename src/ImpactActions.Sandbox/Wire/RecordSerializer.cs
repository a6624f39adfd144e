using System;
using System.Text;
using ImpactActions.Sandbox.Data;
using ImpactActions.Sandbox.Queue;

namespace ImpactActions.Sandbox.Wire;

/// <summary>The API's objects, field by field, in the order the documentation lists them. Callers open and close the object.</summary>
public static class RecordSerializer
{
    public static void WritePaging(IRecordWriter w, PageInfo page, bool typoSpelling, bool totalAlwaysZero = false)
    {
        w.Integer("@page", page.Page);
        w.Integer("@numpages", page.NumPages);
        w.Integer("@pagesize", page.PageSize);
        w.Integer("@total", totalAlwaysZero ? 0 : page.Total);
        w.Integer("@start", page.Start);
        w.Integer("@end", page.End);
        w.String("@uri", page.Uri);
        w.String(typoSpelling ? "@firstpageruri" : "@firstpageuri", page.FirstPageUri);
        w.String(typoSpelling ? "@previouspageruri" : "@previouspageuri", page.PreviousPageUri);
        w.String("@nextpageuri", page.NextPageUri);
        w.String(typoSpelling ? "@lastpageruri" : "@lastpageuri", page.LastPageUri);
    }

    public static void WriteAction(IRecordWriter w, ActionRecord a, string accountSid, QuirkOptions? quirks = null)
    {
        var fingerprint = Fingerprint(a.Id);
        w.String("Id", a.Id);
        w.Integer("CampaignId", a.Campaign.Id);
        w.String("CampaignName", a.Campaign.Name);
        w.Integer("ActionTrackerId", a.Tracker.Id);
        w.String("ActionTrackerName", a.Tracker.Name);
        w.String("EventCode", a.Tracker.EventCode);
        w.Integer("MediaPartnerId", a.Partner.Id);
        w.String("MediaPartnerName", a.Partner.Name);
        w.String("State", a.State == ActionState.REVERSED && quirks is { ReversedAsRejected: true } ? "REJECTED" : a.State.ToString());
        if (quirks is { UnlistedFields: true }) w.String("UnlistedFlag", fingerprint % 2 == 0 ? "true" : "false");
        w.Integer("AdId", a.AdId);
        w.Money("ClientCost", a.Payout);
        w.Money("Payout", a.Payout);
        w.Money("DeltaPayout", a.DeltaPayout);
        w.Money("IntendedPayout", a.IntendedPayout);
        w.Money("Amount", a.Amount);
        w.Money("DeltaAmount", a.DeltaAmount);
        w.Money("IntendedAmount", a.IntendedAmount);
        w.String("Currency", "USD");
        w.Date("ReferringDate", a.ReferringDate);
        w.Date("EventDate", a.EventDate);
        w.Date("CreationDate", a.CreationDate);
        w.Date("LockingDate", a.LockingDate);
        w.Date("ClearedDate", a.ClearedDate);
        w.String("ReferringType", a.ReferringType);
        w.String("ReferringDomain", "");
        w.String("PromoCode", a.PromoCode);
        w.String("Oid", a.Oid);
        w.String("CustomerId", Base32(fingerprint, 26));
        w.String("CustomerStatus", a.CustomerStatus);
        w.String("CustomerPostCode", (10000 + fingerprint % 89999).ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.String("CustomerArea", "n/a");
        w.String("CustomerCity", Catalog.Cities[fingerprint % (ulong)Catalog.Cities.Length]);
        w.String("CustomerRegion", Catalog.Regions[fingerprint % (ulong)Catalog.Regions.Length]);
        w.String("CustomerCountry", "US");
        w.String("IpAddress", fingerprint.ToString("x16") + Fingerprint(a.Oid).ToString("x16"));
        w.String("SharedId", "");
        w.String("CallerId", "");
        w.String("Note", "");
        w.String("Uri", $"/Advertisers/{accountSid}/Actions/{a.Id}");
        if (quirks is { UnlistedFields: true }) WriteUnlisted(w, a.Id);
    }

    public static void WriteItem(IRecordWriter w, ActionRecord a, ItemRecord i, string accountSid, QuirkOptions? quirks = null)
    {
        w.String("Sku", i.Sku);
        w.String("ItemName", i.ItemName);
        w.String("Category", i.Category);
        w.Integer("Quantity", i.Quantity);
        w.Money("SaleAmount", i.SaleAmount);
        w.String("SaleAmountCurrency", "USD");
        w.Money("Payout", i.Payout);
        w.String("PayoutCurrency", "USD");
        w.Money("Rebate", i.Rebate);
        w.String("RebateCurrency", "USD");
        w.Date("AdjustmentDate", i.AdjustmentDate);
        w.String("AdjustmentReason", i.AdjustmentReason);
        w.String("Uri", $"/Advertisers/{accountSid}/Actions/{a.Id}/Items/{Uri.EscapeDataString(i.Sku)}");
        if (quirks is { UnlistedFields: true }) WriteUnlisted(w, i.Sku);
    }

    /// <summary>Fields no page lists, of every shape a newer version could add: a boolean as a string, an object, a list of objects.</summary>
    private static void WriteUnlisted(IRecordWriter w, string owner)
    {
        w.String("UnlistedBoolean", "true");
        w.StartObject("UnlistedObject");
        w.String("Owner", owner);
        w.String("Enabled", "false");
        w.EndObject();
        w.StartArray("UnlistedList", "UnlistedEntry");
        w.StartObject();
        w.String("Owner", owner);
        w.EndObject();
        w.EndArray();
    }

    public static void WriteSubmission(IRecordWriter w, SubmissionRecord s)
    {
        w.String("BatchId", s.BatchId);
        w.String("AccountId", s.AccountSid);
        w.Date("SubmissionDate", s.SubmissionDate);
        w.String("CampaignId", s.CampaignId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.String("ActionTrackerId", s.ActionTrackerId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.String("MediaPartnerId", s.MediaPartnerId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.String("EventCode", s.EventCode);
        w.String("OrderId", s.OrderId);
        w.String("Payload", s.Payload);
        w.String("Type", s.Type);
        w.String("Status", s.Status);
        w.Date("CompletionDate", s.CompletionDate);
        w.String("ErrorType", s.ErrorType);
        w.String("ErrorReason", s.ErrorReason);
        w.String("Uri", s.Uri);
    }

    /// <summary>A stable 64-bit FNV-1a hash, so derived customer fields are the same on every run.</summary>
    private static ulong Fingerprint(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return hash;
    }

    private static string Base32(ulong seed, int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var text = new StringBuilder(length);
        var state = seed;
        for (var i = 0; i < length; i++)
        {
            state = state * 6364136223846793005UL + 1442695040888963407UL;
            text.Append(alphabet[(int)(state >> 59)]);
        }
        return text.ToString();
    }
}
