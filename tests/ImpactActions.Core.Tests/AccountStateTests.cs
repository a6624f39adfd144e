using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using ImpactActions.Core.Connection;
using ImpactActions.Core.Http;
using ImpactActions.Core.Validation;
using ImpactActions.Core.Writing;
using ImpactActions.Sandbox;
using ImpactActions.Sandbox.Pipeline;

namespace ImpactActions.Core.Tests;

/// <summary>
/// What the process knows of an account outlives a connection (Connection/AccountState): a value computed after
/// Connect-ImpactAccount again still waits for the write queued before it, and a lost answer is never credited
/// with the identical submission of an earlier command. Judged by the sandbox's ledger.
/// </summary>
public sealed class AccountStateTests
{
    private static async Task<RowResult> RunAsync(ImpactConnection connection, ItemChangeInput row)
    {
        var host = new FakeWriteHost();
        using (var run = new ItemChangeRun(new ImpactApiClient(connection), host))
        {
            await run.AddAsync(row, default);
            await run.CompleteAsync(default);
        }
        return Assert.Single(host.Results);
    }

    private static ImpactConnection Reconnect(CoreSandbox sandbox) => ImpactConnection.Open(new ConnectionSettings
    {
        AccountSid = sandbox.Host.AccountSid, AuthToken = CoreSandbox.Secret(sandbox.Host.AuthToken), BaseUri = sandbox.Host.BaseUri,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromMilliseconds(200),
    }, _ => null);

    [Fact]
    public async Task A_quantity_computed_after_a_reconnect_builds_on_the_write_queued_before_it()
    {
        await using var sandbox = await CoreSandbox.StartAsync(configure: o => o.Behaviour.ProcessingDelay = TimeSpan.FromMilliseconds(300));
        var action = sandbox.Modifiable();
        var sku = action.Items[0].Sku;
        var first = await RunAsync(sandbox.Connection, new ItemChangeInput { Row = 1, ActionId = action.Id, Sku = sku, Quantity = "10" });
        Assert.Equal(RowStatus.Queued, first.State);
        Assert.Empty(sandbox.Host.Ledger.Entries(action.Id));

        using var again = Reconnect(sandbox);
        var second = await RunAsync(again, new ItemChangeInput { Row = 1, ActionId = action.Id, Sku = sku, QuantityChange = "-1" });
        await sandbox.Host.Queue.WhenIdleAsync(TimeSpan.FromSeconds(30), default);

        Assert.Equal(RowStatus.Queued, second.State);
        Assert.Equal(new[] { "10", "9" }, sandbox.Host.Ledger.Entries(action.Id).Where(e => e.Field == "Quantity").Select(e => e.Value));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_lost_answer_is_never_credited_with_an_earlier_commands_identical_submission(bool reconnect)
    {
        // The second identical PUT is lost before the API sees it: it has no submission, whatever the first has.
        await using var sandbox = await CoreSandbox.StartAsync(configure: o => o.Behaviour.Faults = new FaultOptions
        {
            Rules = new[] { new FaultRule { Method = "PUT", PathContains = "/Actions", Occurrence = 2, Kind = FaultKind.DropBeforeHandling } },
        }, connect: c => c.MaxRetries = 0);
        var action = sandbox.Modifiable();
        var item = action.Items[0];
        ItemChangeInput Discount() => new()
        {
            Row = 1, ActionId = action.Id, Sku = item.Sku, Quantity = item.Quantity.ToString(CultureInfo.InvariantCulture), Delta = "-1.00",
        };

        var first = await RunAsync(sandbox.Connection, Discount());
        using var other = reconnect ? Reconnect(sandbox) : null;
        var second = await RunAsync(other ?? sandbox.Connection, Discount());
        await sandbox.Host.Queue.WhenIdleAsync(TimeSpan.FromSeconds(30), default);

        Assert.Equal(RowStatus.Queued, first.State);
        Assert.Equal(1, sandbox.Host.Ledger.Entries(action.Id).Count(e => e.Field == "ItemSubTotalDelta"));
        Assert.Equal(RowStatus.OutcomeUnknown, second.State);
        Assert.NotEqual(first.BatchId, second.BatchId);
    }
}
