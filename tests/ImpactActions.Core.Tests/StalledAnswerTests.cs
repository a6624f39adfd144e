using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Http;
using ImpactActions.Core.Paging;
using ImpactActions.TestProxy;

namespace ImpactActions.Core.Tests;

/// <summary>
/// A server that sends 200, its headers and part of a page, then nothing: the request timeout is the longest
/// wait for the next bytes of a streamed answer, and a stall is a broken page, read again.
/// </summary>
public sealed class StalledAnswerTests
{
    [Fact]
    public async Task A_listing_whose_answer_stalls_is_read_again_and_then_fails_instead_of_hanging()
    {
        using var stalling = new StallingServer();
        await using var sandbox = await CoreSandbox.StartAsync(actions: 10, connect: s =>
        {
            s.BaseUri = stalling.BaseUri;
            s.RequestTimeout = TimeSpan.FromSeconds(1);
            s.MaxRetries = 1;
        });
        // Bounds the test, not the code: without the stall timeout the listing would wait here for ever.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var listing = new ActionReader(sandbox.Client(), sandbox.Clock).ListAsync(new ActionQuery { CampaignId = 1000 }, guard.Token).ToListAsync();
        var e = await Assert.ThrowsAsync<ImpactApiException>(() => listing);

        Assert.False(guard.IsCancellationRequested, "the guard, not the stall timeout, ended the listing");
        Assert.Contains("stalled", e.Message);
        Assert.Equal(2, stalling.RequestCount);
        Assert.Contains(sandbox.Log.Lines, l => l.Contains("broke off after 1 records") && l.Contains("stalled"));
    }

    [Fact]
    public async Task An_item_list_that_stalls_fails_too()
    {
        using var stalling = new StallingServer();
        await using var sandbox = await CoreSandbox.StartAsync(actions: 10, connect: s =>
        {
            s.BaseUri = stalling.BaseUri;
            s.RequestTimeout = TimeSpan.FromSeconds(1);
            s.MaxRetries = 0;
        });
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var e = await Assert.ThrowsAsync<ImpactApiException>(() => new ActionReader(sandbox.Client(), sandbox.Clock).ListItemsAsync("1000.1.1", guard.Token).ToListAsync());

        Assert.False(guard.IsCancellationRequested);
        Assert.Contains("stalled", e.Message);
    }
}
