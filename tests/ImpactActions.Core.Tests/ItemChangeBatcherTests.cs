using System.Collections.Generic;
using System.Linq;
using ImpactActions.Core.Batching;
using ImpactActions.Core.Validation;

namespace ImpactActions.Core.Tests;

public sealed class ItemChangeBatcherTests
{
    private static ItemChange Change(string action, string sku, long row, decimal? delta = null, int? quantity = 1, string reason = "ORDER_UPDATE") =>
        new() { Row = row, ActionId = action, Sku = sku, Quantity = delta is null ? quantity : null, Delta = delta, Reason = reason };

    [Fact]
    public void Changes_to_one_action_go_together_in_arrival_order_and_never_mix_actions()
    {
        var batcher = new ItemChangeBatcher();
        var early = new List<ItemChangeBatch>();
        early.AddRange(batcher.Add(Change("A", "1", 1)));
        early.AddRange(batcher.Add(Change("B", "1", 2)));
        early.AddRange(batcher.Add(Change("A", "2", 3)));
        early.AddRange(batcher.Add(Change("A", "3", 4, reason: "ITEM_RETURNED")));
        Assert.Empty(early);
        var batches = batcher.Complete();
        Assert.Equal(new[] { "A", "B", "A" }, batches.Select(b => b.ActionKey));
        Assert.Equal(new long[] { 1, 3 }, batches[0].Items.Select(i => i.Row));
        Assert.All(batches, b => Assert.Single(b.Items.Select(i => i.ActionKey).Distinct()));
    }

    [Fact]
    public void A_full_batch_is_handed_out_at_once()
    {
        var batcher = new ItemChangeBatcher(maxItemsPerRequest: 3);
        Assert.Empty(batcher.Add(Change("A", "1", 1)));
        Assert.Empty(batcher.Add(Change("A", "2", 2)));
        var ready = batcher.Add(Change("A", "3", 3));
        Assert.Equal(3, Assert.Single(ready).Items.Count);
        Assert.Empty(batcher.Complete());
    }

    [Fact]
    public void A_second_change_to_the_same_Sku_waits_for_its_own_request_after_the_first()
    {
        var batcher = new ItemChangeBatcher();
        batcher.Add(Change("A", "1", 1, delta: -5));
        var ready = batcher.Add(Change("A", "1", 2, delta: -3));
        Assert.Equal(1, Assert.Single(ready).Items.Single().Row);
        Assert.Equal(2, Assert.Single(batcher.Complete()).Items.Single().Row);
    }

    [Fact]
    public void The_form_indexes_every_item_after_the_first()
    {
        var batcher = new ItemChangeBatcher();
        batcher.Add(Change("A", "1", 1, quantity: 0));
        batcher.Add(Change("A", "2", 2, delta: -5.5m));
        var batch = Assert.Single(batcher.Complete());
        Assert.False(batch.Idempotent);
        var form = batch.Form().Select(p => $"{p.Key}={p.Value}");
        Assert.Equal(new[] { "ActionId=A", "Reason=ORDER_UPDATE", "Sku=1", "Quantity=0", "Sku2=2", "ItemSubTotalDelta2=-5.50" }, form);
    }

    [Fact]
    public void Pending_rows_are_bounded()
    {
        var batcher = new ItemChangeBatcher(maxItemsPerRequest: 100, maxPendingRows: 10);
        var handedOut = Enumerable.Range(1, 25).SelectMany(i => batcher.Add(Change("A" + i, "1", i))).Count();
        Assert.Equal(15, handedOut);
        Assert.Equal(10, batcher.Complete().Count);
    }
}
