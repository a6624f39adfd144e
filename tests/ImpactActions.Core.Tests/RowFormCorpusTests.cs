using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using ImpactActions.Core.Validation;
using ImpactActions.Core.Writing;
using ImpactActions.Sandbox.Data;

namespace ImpactActions.Core.Tests;

/// <summary>
/// Every row form a CSV may hold, sent through one run against the sandbox over HTTP (without the
/// submission list), and each item's final state checked: what the pages say goes ([ITEM-PUT], [ACTIONS])
/// on the wire, and what the sandbox, answering as they say, then holds.
/// </summary>
public sealed class RowFormCorpusTests
{
    private sealed record Form(string Name, Func<ActionRecord, ItemRecord, ItemChangeInput> Row, Action<ItemRecord, ItemRecord> Expect);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static readonly Form[] Forms =
    {
        new("absolute quantity", (a, i) => new() { ActionId = a.Id, Sku = i.Sku, Quantity = Text(i.Quantity + 1) },
            (before, after) => Assert.Equal((before.Quantity + 1, before.UnitPrice * (before.Quantity + 1)), (after.Quantity, after.SaleAmount))),
        new("returned", (a, i) => new() { ActionId = a.Id, Sku = i.Sku, Quantity = "0" },
            (before, after) => Assert.Equal((0, 0m), (after.Quantity, after.SaleAmount))),
        new("quantity written 2.00", (a, i) => new() { ActionId = a.Id, Sku = i.Sku, Quantity = "2.00" },
            (before, after) => Assert.Equal(2, after.Quantity)),
        new("one unit returned", (a, i) => new() { ActionId = a.Id, Sku = i.Sku, QuantityChange = "-1" },
            (before, after) => Assert.Equal((before.Quantity - 1, before.UnitPrice * (before.Quantity - 1)), (after.Quantity, after.SaleAmount))),
        new("two units more", (a, i) => new() { ActionId = a.Id, Sku = i.Sku, QuantityChange = "+2" },
            (before, after) => Assert.Equal(before.Quantity + 2, after.Quantity)),
        new("delta alone", (a, i) => new() { ActionId = a.Id, Sku = i.Sku, Delta = "-1.25" },
            (before, after) => Assert.Equal((before.Quantity, before.SaleAmount - 1.25m), (after.Quantity, after.SaleAmount))),
        new("quantity with delta", (a, i) => new() { ActionId = a.Id, Sku = i.Sku, Quantity = Text(i.Quantity), Delta = "2.00" },
            (before, after) => Assert.Equal((before.Quantity, before.SaleAmount + 2m), (after.Quantity, after.SaleAmount))),
        new("quantity with amount", (a, i) => new() { ActionId = a.Id, Sku = i.Sku, Quantity = "1", Amount = "9.99" },
            (before, after) => Assert.Equal((1, 9.99m), (after.Quantity, after.SaleAmount))),
        new("amount alone", (a, i) => new() { ActionId = a.Id, Sku = i.Sku, Amount = "12.34" },
            (before, after) => Assert.Equal((before.Quantity, 12.34m), (after.Quantity, after.SaleAmount))),
        new("category alone", (a, i) => new() { ActionId = a.Id, Sku = i.Sku, Category = "Clearance" },
            (before, after) => Assert.Equal((before.Quantity, before.SaleAmount, "Clearance"), (after.Quantity, after.SaleAmount, after.Category))),
        new("name and rebate", (a, i) => new() { ActionId = a.Id, Sku = i.Sku, ItemName = "Renamed", Rebate = "1.50" },
            (before, after) => Assert.Equal((before.Quantity, "Renamed", 1.50m), (after.Quantity, after.ItemName, after.Rebate))),
        new("tracker and order", (a, i) => new() { ActionTrackerId = Text(a.Tracker.Id), OrderId = a.Oid, Sku = i.Sku, Quantity = Text(i.Quantity), Delta = "-0.50" },
            (before, after) => Assert.Equal((before.Quantity, before.SaleAmount - 0.50m), (after.Quantity, after.SaleAmount))),
        new("reason in lower case", (a, i) => new() { ActionId = a.Id, Sku = i.Sku, Quantity = "0", Reason = "order_update" },
            (before, after) => Assert.Equal((0, "ORDER_UPDATE"), (after.Quantity, after.AdjustmentReason))),
    };

    [Fact]
    public async Task Every_row_form_reaches_the_item_as_the_seed_pages_describe()
    {
        await using var sandbox = await CoreSandbox.StartAsync(actions: 600, configure: o =>
        {
            o.Behaviour.SubmissionList = false;
            // Writes wait in the queue, as the API's do: a read right after a write still shows the old quantity.
            o.Behaviour.ProcessingDelay = TimeSpan.FromMilliseconds(200);
        });
        var candidates = sandbox.Host.Store.All()
            .Where(a => !a.IsLockedAt(sandbox.Host.Clock.Now) && a.State != ActionState.REVERSED && a.Items[0].Quantity >= 2 && a.Items[0].SaleAmount > 5m)
            .Take(Forms.Length + 1).ToList();
        // Two rows for one item, first: the second is read for right after the first is queued, so it must build on
        // the quantity the run itself sent, not on a read that still shows the old one.
        var twice = candidates[Forms.Length];
        var rows = new List<ItemChangeInput>
        {
            new() { Row = 1, ActionId = twice.Id, Sku = twice.Items[0].Sku, Quantity = "5" },
            new() { Row = 2, ActionId = twice.Id, Sku = twice.Items[0].Sku, QuantityChange = "-2" },
        };
        for (var f = 0; f < Forms.Length; f++)
        {
            var row = Forms[f].Row(candidates[f], candidates[f].Items[0]);
            row.Row = rows.Count + 1;
            rows.Add(row);
        }

        var host = new FakeWriteHost();
        using (var run = new ItemChangeRun(sandbox.Client(), host))
        {
            foreach (var row in rows) await run.AddAsync(row, default);
            await run.CompleteAsync(default);
        }
        Assert.True(await sandbox.Host.Queue.WhenIdleAsync(TimeSpan.FromSeconds(30), default));

        Assert.All(host.Results, r => Assert.True(r.State == RowStatus.Queued, $"row {r.Row}: {r.Status} {r.Message}"));
        Assert.All(sandbox.Host.Queue.All(), s => Assert.True(s.ErrorReason == "", $"{s.Payload}: {s.ErrorReason}"));
        // Every item update carried Quantity and ORDER_UPDATE.
        Assert.All(sandbox.Host.Queue.All(), s => Assert.Contains("Quantity=", s.Payload));
        Assert.All(sandbox.Host.Queue.All(), s => Assert.Contains("Reason=ORDER_UPDATE", s.Payload));
        for (var f = 0; f < Forms.Length; f++)
        {
            var before = candidates[f].Items[0];
            var after = sandbox.Host.Store.FindById(candidates[f].Id)!.Items[0];
            try
            {
                Forms[f].Expect(before, after);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"{Forms[f].Name}: {e.Message}");
            }
        }
        Assert.Equal(3, sandbox.Host.Store.FindById(twice.Id)!.Items[0].Quantity);
        // Reads: one per action whose rows left Quantity out, never one per row.
        var reads = sandbox.Host.Requests.Since(0).Where(r => r.PathAndQuery.EndsWith("/Items", StringComparison.Ordinal)).ToList();
        Assert.Equal(reads.Count, reads.Select(r => r.PathAndQuery).Distinct().Count());
    }
}
