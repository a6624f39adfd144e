using System;
using System.Linq;
using ImpactActions.Sandbox.Data;

namespace ImpactActions.Sandbox.Tests;

/// <summary>The deterministic data generator.</summary>
public sealed class GeneratorTests
{
    private static ActionStore Generate(int actions, int seed = 42, int spanDays = 1095) =>
        ActionGenerator.Generate(new DataOptions { Actions = actions, Seed = seed, SpanDays = spanDays }, TestSandbox.Now);

    [Fact]
    public void The_same_seed_makes_the_same_actions_and_another_seed_others()
    {
        var a = Generate(500).All().ToList();
        var b = Generate(500).All().ToList();
        var c = Generate(500, seed: 43).All().ToList();
        Assert.Equal(a.Select(x => (x.Id, x.Oid, x.Amount, x.State, x.EventDate)), b.Select(x => (x.Id, x.Oid, x.Amount, x.State, x.EventDate)));
        Assert.Equal(a.SelectMany(x => x.Items), b.SelectMany(x => x.Items));
        Assert.NotEqual(a.Select(x => x.Amount), c.Select(x => x.Amount));
    }

    [Fact]
    public void Actions_are_newest_first_and_spread_over_the_span()
    {
        var store = Generate(2000);
        var all = store.All().ToList();
        Assert.Equal(all.OrderByDescending(a => a.CreationDate).Select(a => a.Id), all.Select(a => a.Id));
        Assert.InRange(all[0].CreationDate, TestSandbox.Now.AddDays(-2), TestSandbox.Now);
        Assert.InRange(all[^1].CreationDate, TestSandbox.Now.AddDays(-1095), TestSandbox.Now.AddDays(-1090));
        Assert.All(all, a => Assert.True(a.LastUpdated >= a.CreationDate && a.LastUpdated <= store.GeneratedAt));
    }

    [Fact]
    public void Every_action_is_consistent_with_its_contract_and_state()
    {
        var store = Generate(3000);
        Assert.Equal(3000, store.All().Select(a => a.Id).Distinct().Count());
        Assert.Equal(3000, store.All().Select(a => (a.Tracker.Id, a.Oid)).Distinct().Count());
        foreach (var action in store.All())
        {
            Assert.InRange(action.Items.Count, 1, 5);
            Assert.Equal(action.Items.Count, action.Items.Select(i => i.Sku).Distinct().Count());
            Assert.Equal(action.Items.Sum(i => i.SaleAmount), action.IntendedAmount);
            Assert.All(action.Items, i => Assert.Equal(ActionGenerator.PayoutFor(i.SaleAmount, action.Campaign.PayoutRate), i.Payout));
            Assert.Contains(action.Tracker, action.Campaign.Trackers);
            Assert.StartsWith($"{action.Campaign.Id}.{action.Tracker.Id}.", action.Id);
            if (action.State == ActionState.REVERSED) Assert.Equal(0m, action.Amount);
            else Assert.Equal(action.IsLockedAt(store.GeneratedAt) ? ActionState.APPROVED : ActionState.PENDING, action.State);
            Assert.True(action.LockingDate > action.EventDate);
        }
        Assert.Contains(store.All(), a => a.State == ActionState.REVERSED);
        Assert.Equal(2, store.All().Select(a => a.Campaign.Id).Distinct().Count());
    }

    [Fact]
    public void A_million_actions_fit_with_memory_to_spare()
    {
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var store = Generate(1_000_000);
        var used = GC.GetTotalMemory(forceFullCollection: true) - before;
        Assert.Equal(1_000_000, store.Count);
        Assert.NotNull(store.FindById(store[999_999].Id));
        // 24 GiB machines: the store must stay well under a tenth of that.
        Assert.InRange(used, 100L << 20, 2L << 30);
    }
}
