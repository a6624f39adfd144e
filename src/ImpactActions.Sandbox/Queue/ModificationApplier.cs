using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ImpactActions.Sandbox.Data;

namespace ImpactActions.Sandbox.Queue;

/// <summary>A field change to record in the ledger once the whole submission is applied.</summary>
public sealed record AppliedChange(string Sku, string Field, string Value);

/// <summary>The result of processing one submission: the new record and its changes, or the error codes.</summary>
public sealed record ApplyOutcome(ActionRecord? Action, ActionRecord? Updated, IReadOnlyList<AppliedChange> Changes, string ErrorType, string ErrorReason)
{
    public bool Failed => ErrorReason.Length > 0;

    public static ApplyOutcome Fail(ActionRecord? action, string reason) =>
        new(action, null, Array.Empty<AppliedChange>(), "Validation", reason);
}

/// <summary>
/// What processing a queued write does to an action: all of it or none of it. Amounts follow the
/// contract (payout = campaign rate × sale amount); the action's amounts are the sum of its items.
/// </summary>
public static class ModificationApplier
{
    public static ApplyOutcome Apply(ActionStore store, WriteRequest request, DateTimeOffset now, int modificationLimit)
    {
        var action = request.Identity.ActionId is { } id
            ? store.FindById(id)
            : store.FindByOrder(request.Identity.TrackerId!.Value, request.Identity.OrderId!);
        if (action is null) return ApplyOutcome.Fail(null, "ACTION_REF_NOT_FOUND");
        if (action.IsLockedAt(now)) return ApplyOutcome.Fail(action, "ACTION_LOCKED");
        if (action.Modifications >= modificationLimit) return ApplyOutcome.Fail(action, "MODIFICATION_LIMIT_EXCEEDED");

        return request.Kind switch
        {
            WriteKind.Reversal => Reverse(action, request.Reason, now),
            WriteKind.Reset => Reset(action, now),
            _ when action.State == ActionState.REVERSED => ApplyOutcome.Fail(action, "ACTION_REVERSED"),
            WriteKind.ItemUpdate => UpdateItems(action, request, now),
            _ => UpdateAction(action, request, now),
        };
    }

    private static ApplyOutcome Reverse(ActionRecord action, string disposition, DateTimeOffset now)
    {
        if (action.State == ActionState.REVERSED) return ApplyOutcome.Fail(action, "ACTION_ALREADY_REVERSED");
        var updated = Touch(action, now) with
        {
            State = ActionState.REVERSED,
            Amount = 0m,
            Payout = 0m,
            DeltaAmount = -action.Amount,
            DeltaPayout = -action.Payout,
            DispositionCode = disposition,
            Items = action.Items.Select(i => i with { AdjustmentDate = now, AdjustmentReason = disposition }).ToArray(),
        };
        return Applied(action, updated, new AppliedChange("", "Reversal", disposition));
    }

    private static ApplyOutcome Reset(ActionRecord action, DateTimeOffset now)
    {
        var original = action.OriginalOrSelf;
        var updated = original with
        {
            Original = original,
            Modifications = action.Modifications + 1,
            LastUpdated = now,
            DeltaAmount = original.Amount - action.Amount,
            DeltaPayout = original.Payout - action.Payout,
            Items = original.Items.Select(i => i with { AdjustmentDate = now, AdjustmentReason = "RESET" }).ToArray(),
        };
        return Applied(action, updated, new AppliedChange("", "Reset", "RESET"));
    }

    private static ApplyOutcome UpdateItems(ActionRecord action, WriteRequest request, DateTimeOffset now)
    {
        var items = action.Items.ToArray();
        var changes = new List<AppliedChange>();
        foreach (var change in request.Items)
        {
            var position = Array.FindIndex(items, i => i.Sku == change.Sku);
            if (position < 0) return ApplyOutcome.Fail(action, "SKU_NOT_FOUND");
            var item = items[position];
            var quantity = change.Quantity ?? item.Quantity;
            var saleAmount = change.Amount
                ?? (change.SubTotalDelta is { } delta ? item.SaleAmount + delta
                : quantity != item.Quantity ? item.UnitPrice * quantity
                : item.SaleAmount);
            if (saleAmount < 0) return ApplyOutcome.Fail(action, "NEGATIVE_AMOUNT");

            items[position] = item with
            {
                Quantity = quantity,
                SaleAmount = saleAmount,
                Payout = ActionGenerator.PayoutFor(saleAmount, action.Campaign.PayoutRate),
                Category = change.Category ?? item.Category,
                ItemName = change.ItemName ?? item.ItemName,
                Rebate = change.Rebate ?? item.Rebate,
                AdjustmentDate = now,
                AdjustmentReason = request.Reason,
            };
            Record(changes, change.Sku, "Quantity", change.Quantity);
            Record(changes, change.Sku, "Amount", change.Amount);
            Record(changes, change.Sku, "ItemSubTotalDelta", change.SubTotalDelta);
            Record(changes, change.Sku, "Category", change.Category);
            Record(changes, change.Sku, "ItemName", change.ItemName);
            Record(changes, change.Sku, "Rebate", change.Rebate);
        }
        var updated = WithItems(action, items, now) with
        {
            CustomerStatus = request.CustomerStatus ?? action.CustomerStatus,
            DispositionCode = request.DispositionCode ?? action.DispositionCode,
        };
        Record(changes, "", "CustomerStatus", request.CustomerStatus);
        Record(changes, "", "DispositionCode", request.DispositionCode);
        return new ApplyOutcome(action, updated, changes, "", "");
    }

    private static ApplyOutcome UpdateAction(ActionRecord action, WriteRequest request, DateTimeOffset now)
    {
        var changes = new List<AppliedChange>();
        var updated = Touch(action, now) with
        {
            CustomerStatus = request.CustomerStatus ?? action.CustomerStatus,
            DispositionCode = request.DispositionCode ?? action.DispositionCode,
        };
        if (request.ActionAmount is { } amount)
        {
            if (amount == 0m && action.Amount != 0m)
            {
                // The seed: setting Amount to 0 on a non-zero action reverses it.
                var reversed = Reverse(action, request.DispositionCode ?? request.Reason, now);
                changes.Add(new AppliedChange("", "Amount", Invariant(amount)));
                changes.AddRange(reversed.Changes);
                return reversed with { Changes = changes };
            }
            updated = WithItems(updated, Redistribute(action, amount, now, request.Reason), now);
            changes.Add(new AppliedChange("", "Amount", Invariant(amount)));
        }
        Record(changes, "", "CustomerStatus", request.CustomerStatus);
        Record(changes, "", "DispositionCode", request.DispositionCode);
        return new ApplyOutcome(action, updated, changes, "", "");
    }

    /// <summary>Spreads a new action amount over the items in proportion to their sale amounts.</summary>
    private static ItemRecord[] Redistribute(ActionRecord action, decimal amount, DateTimeOffset now, string reason)
    {
        var items = action.Items.ToArray();
        var oldTotal = items.Sum(i => i.SaleAmount);
        var assigned = 0m;
        for (var i = 0; i < items.Length; i++)
        {
            var share = i == items.Length - 1
                ? amount - assigned
                : oldTotal == 0m ? (i == 0 ? amount : 0m) : Math.Round(amount * items[i].SaleAmount / oldTotal, 2, MidpointRounding.AwayFromZero);
            assigned += share;
            items[i] = items[i] with
            {
                SaleAmount = share,
                Payout = ActionGenerator.PayoutFor(share, action.Campaign.PayoutRate),
                AdjustmentDate = now,
                AdjustmentReason = reason,
            };
        }
        return items;
    }

    private static ActionRecord WithItems(ActionRecord action, IReadOnlyList<ItemRecord> items, DateTimeOffset now)
    {
        var amount = items.Sum(i => i.SaleAmount);
        var payout = items.Sum(i => i.Payout);
        return Touch(action, now) with
        {
            Items = items,
            Amount = amount,
            Payout = payout,
            DeltaAmount = amount - action.Amount,
            DeltaPayout = payout - action.Payout,
            State = ActionState.PENDING,
        };
    }

    private static ActionRecord Touch(ActionRecord action, DateTimeOffset now) => action with
    {
        Original = action.OriginalOrSelf,
        Modifications = action.Modifications + 1,
        LastUpdated = now,
    };

    private static ApplyOutcome Applied(ActionRecord action, ActionRecord updated, AppliedChange change) =>
        new(action, updated, new[] { change }, "", "");

    private static void Record<T>(List<AppliedChange> changes, string sku, string field, T? value)
    {
        if (value is not null) changes.Add(new AppliedChange(sku, field, value is decimal d ? Invariant(d) : Convert.ToString(value, CultureInfo.InvariantCulture)!));
    }

    private static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
