using System;
using System.Collections.Generic;
using System.Linq;

namespace ImpactActions.Sandbox.Data;

/// <summary>
/// Makes the same actions for the same seed and size: campaigns, trackers and partners, then actions
/// evenly spread over <see cref="DataOptions.SpanDays"/> back from <see cref="DataOptions.Now"/>, newest first.
/// </summary>
public static class ActionGenerator
{
    private const double ReversedShare = 0.03;
    private const double RecentlyUpdatedShare = 0.2;

    public static ActionStore Generate(DataOptions options, DateTimeOffset now)
    {
        if (options.Actions < 0) throw new ArgumentOutOfRangeException(nameof(options), "Actions must not be negative.");
        if (options.Campaigns < 1 || options.Campaigns > Catalog.CampaignNames.Length)
            throw new ArgumentOutOfRangeException(nameof(options), $"Campaigns must be 1 to {Catalog.CampaignNames.Length}.");
        if (options.SpanDays < 1) throw new ArgumentOutOfRangeException(nameof(options), "SpanDays must be at least 1.");

        now = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero).ToOffset(options.AccountOffset);
        var random = new Random(options.Seed);
        var campaigns = MakeCampaigns(options.Campaigns);
        var partners = Enumerable.Range(0, 40)
            .Select(i => new MediaPartner(10000 + i, $"{Catalog.PartnerNames[i % Catalog.PartnerNames.Length]} {i / Catalog.PartnerNames.Length + 1}"))
            .ToArray();

        var actions = new ActionRecord[options.Actions];
        var spacingSeconds = options.SpanDays * 86400.0 / Math.Max(1, options.Actions);
        for (var slot = 0; slot < actions.Length; slot++)
        {
            var secondsBack = (long)((slot + random.NextDouble()) * spacingSeconds);
            var created = now.AddSeconds(-secondsBack);
            actions[slot] = MakeAction(slot, options, actions.Length - slot, created, now, random, campaigns, partners);
        }
        ShareOrderIds(actions, options.DuplicateOrderIds);
        return new ActionStore(actions, campaigns, now);
    }

    /// <summary>
    /// The newest <paramref name="count"/> actions that can be paired each take the Oid of the nearest older action of
    /// their tracker (docs/api-reference.md [CAPTURES]: actions can share an OrderId).
    /// </summary>
    private static void ShareOrderIds(ActionRecord[] newestFirst, int count)
    {
        var paired = new HashSet<int>();
        for (var newer = 0; newer < newestFirst.Length && count > 0; newer++)
        {
            if (paired.Contains(newer)) continue;
            var older = newer + 1;
            while (older < newestFirst.Length && (paired.Contains(older) || newestFirst[older].Tracker.Id != newestFirst[newer].Tracker.Id)) older++;
            if (older >= newestFirst.Length) continue;
            newestFirst[newer] = newestFirst[newer] with { Oid = newestFirst[older].Oid };
            paired.Add(newer);
            paired.Add(older);
            count--;
        }
    }

    private static Campaign[] MakeCampaigns(int count) =>
        Enumerable.Range(0, count).Select(c => new Campaign(
            1000 + c,
            Catalog.CampaignNames[c],
            PayoutRate: 0.04m + 0.02m * c,
            Trackers: new[]
            {
                new ActionTracker(2240 + 10 * c, "Online Sale", "SALE"),
                new ActionTracker(2241 + 10 * c, "Subscription", "SUB"),
            })).ToArray();

    private static ActionRecord MakeAction(int slot, DataOptions options, int sequence, DateTimeOffset created, DateTimeOffset now,
        Random random, Campaign[] campaigns, MediaPartner[] partners)
    {
        var campaign = campaigns[random.Next(campaigns.Length)];
        var tracker = campaign.Trackers[random.Next(10) < 8 ? 0 : 1];
        var eventDate = created.AddSeconds(-random.Next(0, 600));
        var referringDate = eventDate.AddMinutes(-random.Next(1, 60 * 24 * 7));
        var lockingDay = eventDate.AddDays(options.LockingDays + 1);
        var lockingDate = new DateTimeOffset(lockingDay.Year, lockingDay.Month, lockingDay.Day, 0, 0, 0, options.AccountOffset);

        var lastUpdated = created;
        if (random.NextDouble() < RecentlyUpdatedShare)
        {
            lastUpdated = created.AddSeconds(random.Next(60, 5 * 86400));
            if (lastUpdated > now) lastUpdated = now;
        }

        var items = MakeItems(random, campaign.PayoutRate);
        var amount = items.Sum(i => i.SaleAmount);
        var payout = items.Sum(i => i.Payout);
        var reversed = random.NextDouble() < ReversedShare;
        var state = reversed ? ActionState.REVERSED : lockingDate <= now ? ActionState.APPROVED : ActionState.PENDING;
        DateTimeOffset? cleared = state == ActionState.APPROVED && lockingDate.AddDays(10) < now ? lockingDate.AddDays(10) : null;
        if (reversed)
            items = items.Select(i => i with { AdjustmentDate = lastUpdated, AdjustmentReason = "ITEM_RETURNED" }).ToArray();

        return new ActionRecord
        {
            Slot = slot,
            Id = $"{campaign.Id}.{tracker.Id}.{100000 + sequence}",
            Campaign = campaign,
            Tracker = tracker,
            Partner = partners[random.Next(partners.Length)],
            State = state,
            AdId = 500000 + random.Next(0, 9000),
            Amount = reversed ? 0m : amount,
            Payout = reversed ? 0m : payout,
            DeltaAmount = reversed ? -amount : amount,
            DeltaPayout = reversed ? -payout : payout,
            IntendedAmount = amount,
            IntendedPayout = payout,
            ReferringDate = referringDate,
            EventDate = eventDate,
            CreationDate = created,
            LockingDate = lockingDate,
            ClearedDate = cleared,
            LastUpdated = lastUpdated,
            ReferringType = Catalog.ReferringTypes[random.Next(Catalog.ReferringTypes.Length)],
            PromoCode = random.Next(10) == 0 ? Catalog.PromoCodes[random.Next(Catalog.PromoCodes.Length)] : "",
            Oid = (9_000_000_000_000L + sequence * 7L + options.Seed % 7).ToString(System.Globalization.CultureInfo.InvariantCulture),
            CustomerStatus = random.Next(3) == 0 ? "EXISTING" : "NEW",
            DispositionCode = reversed ? "ITEM_RETURNED" : "",
            Items = items,
        };
    }

    private static ItemRecord[] MakeItems(Random random, decimal payoutRate)
    {
        var count = random.Next(1, 6);
        var first = random.Next(Catalog.Products.Length);
        var items = new ItemRecord[count];
        for (var i = 0; i < count; i++)
        {
            // Distinct products within one action: consecutive catalogue entries.
            var product = (first + i) % Catalog.Products.Length;
            var quantity = random.Next(1, 5);
            var unitPrice = random.Next(500, 25000) / 100m;
            var saleAmount = unitPrice * quantity;
            items[i] = new ItemRecord
            {
                Sku = (12345 + product * 7).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ItemName = "Acme " + Catalog.Products[product],
                Category = Catalog.Categories[product % Catalog.Categories.Length],
                Quantity = quantity,
                UnitPrice = unitPrice,
                SaleAmount = saleAmount,
                Payout = PayoutFor(saleAmount, payoutRate),
                Rebate = random.Next(4) == 0 ? random.Next(100, 500) / 100m : 0m,
            };
        }
        return items;
    }

    /// <summary>The contract: a payout is the campaign's rate of the sale amount, rounded to the cent.</summary>
    public static decimal PayoutFor(decimal saleAmount, decimal rate) =>
        Math.Round(saleAmount * rate, 2, MidpointRounding.AwayFromZero);
}
