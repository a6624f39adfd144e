using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using ImpactActions.Core.Http;
using ImpactActions.Core.Paging;
using ImpactActions.Core.Submissions;
using ImpactActions.Core.Validation;
using ImpactActions.Core.Writing;
using ImpactActions.Sandbox;
using ImpactActions.Sandbox.Data;

namespace ImpactActions.Core.Tests;

/// <summary>
/// What public clients and captures show beyond the pages (docs/api-reference.md, "Beyond the pages"): the sandbox
/// produces each variant behind a quirk, and Core reads and writes through it as through the documented form.
/// </summary>
public sealed class BeyondThePagesTests
{
    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(6000)]
    [InlineData(1500)]
    public async Task A_total_of_zero_neither_ends_a_listing_nor_is_reported_as_its_count(int actions)
    {
        await using var sandbox = await CoreSandbox.StartAsync(actions: actions, spanDays: 10, configure: o =>
        {
            o.Data.Campaigns = 1;
            o.Behaviour.Quirks.TotalAlwaysZero = true;
        });
        var reader = new ActionReader(sandbox.Client(), sandbox.Clock);
        ListingProgress? progress = null;
        reader.ProgressChanged = p => progress = p;

        var listed = await reader.ListAsync(new ActionQuery { CampaignId = 1000, StartDate = sandbox.Clock().AddDays(-11), PageSize = 2000 }).ToListAsync();

        Assert.Equal(sandbox.Host.Store.All().Select(a => a.Id), listed.Select(a => a.Id));
        Assert.Null(progress!.Total);
        Assert.False(progress.TotalIsExact);
        var action = sandbox.Host.Store.All().First();
        Assert.Equal(action.Items.Select(i => i.Sku), (await reader.ListItemsAsync(action.Id).ToListAsync()).Select(i => i.Sku));
    }

    [Fact]
    public async Task A_reversed_action_called_REJECTED_is_read_and_found_by_the_REVERSED_filter()
    {
        await using var sandbox = await CoreSandbox.StartAsync(actions: 3000, spanDays: 10, configure: o =>
        {
            o.Data.Campaigns = 1;
            o.Behaviour.Quirks.ReversedAsRejected = true;
        });
        var client = sandbox.Client();
        var target = sandbox.Modifiable();
        var reversal = await new ActionChangeWriter(client, new FakeWriteHost()).ReverseAsync(new ActionChangeInput { ActionId = target.Id, DispositionCode = "REJECTED" }, default);
        Assert.Equal(RowStatus.Queued, reversal.State);
        Assert.True(await sandbox.Host.Queue.WhenIdleAsync(TimeSpan.FromSeconds(10), default));

        var reader = new ActionReader(client, sandbox.Clock);
        var listed = await reader.ListAsync(new ActionQuery { CampaignId = 1000, State = "REVERSED", ActionDateStart = sandbox.Clock().AddDays(-11), PageSize = 2000 }).ToListAsync();
        var truth = sandbox.Host.Store.All().Where(a => a.State == ActionState.REVERSED).Select(a => a.Id).ToList();
        Assert.Contains(target.Id, truth);
        Assert.Equal(truth, listed.Select(a => a.Id));
        Assert.All(listed, a => Assert.Equal(("REJECTED", 0m), (a.State, a.Amount)));
        Assert.Equal("REJECTED", (await reader.GetAsync(target.Id)).State);
    }

    [Fact]
    public async Task BatchIds_in_the_help_centres_short_shape_are_waited_for_and_known_again_by_the_journal()
    {
        await using var sandbox = await CoreSandbox.StartAsync(configure: o => o.Behaviour.Quirks.ShortBatchIds = true);
        var action = sandbox.Modifiable();
        var row = new ItemChangeInput { Row = 1, ActionId = action.Id, Sku = action.Items[0].Sku, Quantity = "0" };
        var journal = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"impact-short-batch-{Guid.NewGuid():N}.journal");
        try
        {
            var first = new FakeWriteHost();
            using (var run = new ItemChangeRun(sandbox.Client(), first, journal) { Wait = true })
            {
                await run.AddAsync(row, default);
                await run.CompleteAsync(default);
            }
            var applied = Assert.Single(first.Results);
            Assert.Equal(RowStatus.Applied, applied.State);
            Assert.Matches("^A-[0-9a-f]{4}-[0-9a-f]{12}$", applied.BatchId);
            Assert.Equal(applied.BatchId, (await new SubmissionReader(sandbox.Client()).GetAsync(applied.QueuedUri!)).BatchId);

            var again = new FakeWriteHost();
            using (var run = new ItemChangeRun(sandbox.Client(), again, journal))
            {
                await run.AddAsync(row, default);
                await run.CompleteAsync(default);
            }
            Assert.Equal((RowStatus.Skipped, applied.BatchId), (again.Results.Single().State, again.Results.Single().BatchId));
            Assert.Equal(1, sandbox.Host.Requests.Since(0).Count(r => r.Method == "PUT"));
        }
        finally
        {
            System.IO.File.Delete(journal);
        }
    }

    [Fact]
    public async Task A_row_without_Quantity_is_sent_with_the_current_one_also_where_the_API_would_not_need_it()
    {
        await using var sandbox = await CoreSandbox.StartAsync(configure: o => o.Behaviour.Quirks.QuantityOptional = true);
        var action = sandbox.Modifiable();
        var item = action.Items[0];
        var host = new FakeWriteHost();
        using (var run = new ItemChangeRun(sandbox.Client(), host) { Wait = true })
        {
            await run.AddAsync(new ItemChangeInput { Row = 1, ActionId = action.Id, Sku = item.Sku, Amount = "3.49" }, default);
            await run.CompleteAsync(default);
        }
        Assert.Equal(RowStatus.Applied, host.Results.Single().State);
        var payload = sandbox.Host.Queue.All().Single().Payload;
        Assert.Contains($"Quantity={Text(item.Quantity)}", payload);
        var after = sandbox.Host.Store.FindById(action.Id)!.Items.Single(i => i.Sku == item.Sku);
        Assert.Equal((item.Quantity, 3.49m), (after.Quantity, after.SaleAmount));
    }

    [Fact]
    public async Task Fields_no_page_lists_are_passed_over_whatever_their_shape()
    {
        await using var plain = await CoreSandbox.StartAsync(actions: 3000, spanDays: 10, configure: o => o.Data.Campaigns = 1);
        await using var extended = await CoreSandbox.StartAsync(actions: 3000, spanDays: 10, configure: o =>
        {
            o.Data.Campaigns = 1;
            o.Behaviour.Quirks.UnlistedFields = true;
        });
        static async Task<string> ReadAllAsync(CoreSandbox sandbox)
        {
            var reader = new ActionReader(sandbox.Client(), sandbox.Clock);
            var actions = await reader.ListAsync(new ActionQuery { CampaignId = 1000, ActionDateStart = sandbox.Clock().AddDays(-11), PageSize = 2000 }).ToListAsync();
            var first = actions[0];
            var items = await reader.ListItemsAsync(first.Id!).ToListAsync();
            var one = await reader.GetItemAsync(first.Id!, items[0].Sku!);
            return string.Join("\n", actions.Select(a => $"{a.Id} {a.State} {a.Amount} {a.Oid} {a.EventDate:O} {a.Uri}")
                .Concat(items.Append(one).Select(i => $"{i.Sku} {i.Quantity} {i.SaleAmount} {i.Category} {i.Uri}")));
        }
        Assert.Equal(await ReadAllAsync(plain), await ReadAllAsync(extended));
    }

    [Fact]
    public async Task A_write_by_a_shared_tracker_and_OrderId_changes_the_newest_action_and_a_later_row_of_the_older_builds_on_the_truth()
    {
        await using var sandbox = await CoreSandbox.StartAsync(configure: o =>
        {
            o.Data.DuplicateOrderIds = 3;
            o.Behaviour.ProcessingDelay = TimeSpan.FromMilliseconds(300);
        });
        var now = sandbox.Clock();
        var pair = sandbox.Host.Store.All().GroupBy(a => (a.Tracker.Id, a.Oid)).Where(g => g.Count() == 2)
            .First(g => g.All(a => !a.IsLockedAt(now) && a.State != ActionState.REVERSED)).OrderByDescending(a => a.CreationDate).ToList();
        var (newer, older) = (pair[0], pair[1]);
        var host = new FakeWriteHost();
        using (var run = new ItemChangeRun(sandbox.Client(), host) { Wait = true })
        {
            await run.AddAsync(new ItemChangeInput { Row = 1, ActionTrackerId = Text(newer.Tracker.Id), OrderId = newer.Oid, Sku = newer.Items[0].Sku, Quantity = "0" }, default);
            await run.AddAsync(new ItemChangeInput { Row = 2, ActionId = older.Id, Sku = older.Items[0].Sku, QuantityChange = "-1" }, default);
            await run.CompleteAsync(default);
        }
        Assert.Equal(new[] { RowStatus.Applied, RowStatus.Applied }, host.Results.OrderBy(r => r.Row).Select(r => r.State));
        var (newerAfter, olderAfter) = (sandbox.Host.Store.FindById(newer.Id)!, sandbox.Host.Store.FindById(older.Id)!);
        Assert.Equal(0, newerAfter.Items[0].Quantity);
        Assert.Equal(newer.Items.Skip(1).Select(i => i.Quantity), newerAfter.Items.Skip(1).Select(i => i.Quantity));
        Assert.Equal(older.Items[0].Quantity - 1, olderAfter.Items[0].Quantity);
        Assert.Equal(older.Items.Skip(1).Select(i => i.Quantity), olderAfter.Items.Skip(1).Select(i => i.Quantity));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    public async Task Each_published_API_version_can_be_pinned(int version)
    {
        await using var sandbox = await CoreSandbox.StartAsync(connect: s => s.ApiVersion = version);
        var action = sandbox.Modifiable();
        Assert.Equal(action.Id, (await new ActionReader(sandbox.Client(), sandbox.Clock).GetAsync(action.Id)).Id);
    }

    [Fact]
    public async Task A_version_the_API_does_not_have_is_refused_naming_IR_Version()
    {
        await using var sandbox = await CoreSandbox.StartAsync(connect: s => s.ApiVersion = 15);
        var refused = await Assert.ThrowsAsync<ImpactApiException>(() => new ActionReader(sandbox.Client(), sandbox.Clock).GetAsync(sandbox.Modifiable().Id));
        Assert.Equal(400, refused.StatusCode);
        Assert.Contains(refused.FieldErrors, f => f.Field == "IR-Version");
    }
}
