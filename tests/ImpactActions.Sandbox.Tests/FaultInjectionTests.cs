using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace ImpactActions.Sandbox.Tests;

/// <summary>Seeded faults: reproducible, of every kind, and a dropped write is still applied exactly once.</summary>
public sealed class FaultInjectionTests
{
    private static async Task<List<string>> OutcomesAsync(TestSandbox sandbox, int requests)
    {
        var outcomes = new List<string>();
        for (var i = 0; i < requests; i++)
        {
            try
            {
                outcomes.Add(((int)(await sandbox.GetAsync($"{sandbox.Root}/Actions?CampaignId=1000")).Status).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (HttpRequestException)
            {
                outcomes.Add("dropped");
            }
        }
        return outcomes;
    }

    private static Action<SandboxOptions> Faults(FaultOptions faults) => o => o.Behaviour.Faults = faults;

    [Fact]
    public async Task The_same_seed_gives_the_same_faults_in_the_same_order()
    {
        await using var first = await TestSandbox.StartAsync(configure: Faults(FastMix(0.5, seed: 11)));
        await using var second = await TestSandbox.StartAsync(configure: Faults(FastMix(0.5, seed: 11)));
        var a = await OutcomesAsync(first, 60);
        var b = await OutcomesAsync(second, 60);
        Assert.Equal(a, b);
        Assert.Contains("429", a);
        Assert.Contains("500", a);
        Assert.Contains("503", a);
        Assert.Contains("dropped", a);
        Assert.Contains("200", a);
    }

    /// <summary>Every kind of fault but slow answers, which only cost the test time.</summary>
    private static FaultOptions FastMix(double rate, int seed)
    {
        var mix = FaultOptions.Mixed(rate, seed);
        mix.Slow = 0;
        return mix;
    }

    [Fact]
    public async Task A_fault_rate_is_met_over_many_requests_and_logged()
    {
        await using var sandbox = await TestSandbox.StartAsync(configure: Faults(new FaultOptions { Seed = 3, ServerError = 0.1 }));
        var outcomes = await OutcomesAsync(sandbox, 400);
        Assert.InRange(outcomes.Count(o => o == "500"), 20, 60);
        var log = sandbox.Host.Requests.Since(0);
        Assert.Equal(400, log.Count);
        Assert.Equal(outcomes.Count(o => o == "500"), log.Count(e => e.Fault == "ServerError"));
    }

    [Fact]
    public async Task An_injected_429_says_when_to_come_back_in_either_form()
    {
        await using var sandbox = await TestSandbox.StartAsync(configure: Faults(new FaultOptions { TooManyRequests = 1, RetryAfterSeconds = 7 }));
        var answer = await sandbox.GetAsync($"{sandbox.Root}/Actions?CampaignId=1000");
        Assert.Equal(HttpStatusCode.TooManyRequests, answer.Status);
        Assert.Equal("7", answer.Header("Retry-After"));

        sandbox.Host.Behaviour = new BehaviourOptions { Faults = new FaultOptions { TooManyRequests = 1, RetryAfterSeconds = 7, RetryAfterAsDate = true } };
        var dated = await sandbox.GetAsync($"{sandbox.Root}/Actions?CampaignId=1000");
        var at = DateTimeOffset.Parse(dated.Header("Retry-After"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(at, DateTimeOffset.UtcNow.AddSeconds(1), DateTimeOffset.UtcNow.AddSeconds(30));
    }

    [Fact]
    public async Task A_write_dropped_before_handling_is_not_queued()
    {
        await using var sandbox = await TestSandbox.StartAsync(configure: Faults(new FaultOptions { DropBeforeHandling = 1 }));
        var action = sandbox.Modifiable();
        await Assert.ThrowsAsync<HttpRequestException>(() => sandbox.PutAsync(("ActionId", action.Id), ("Sku", action.Items[0].Sku), ("Quantity", action.Items[0].Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("ItemSubTotalDelta", "-1"), ("Reason", "ORDER_UPDATE")));
        Assert.Empty(sandbox.Host.Queue.All());
    }

    [Fact]
    public async Task A_write_dropped_after_handling_is_applied_once_though_the_client_saw_nothing()
    {
        await using var sandbox = await TestSandbox.StartAsync(configure: Faults(new FaultOptions { DropAfterHandling = 1 }));
        var action = sandbox.Modifiable();
        await Assert.ThrowsAsync<HttpRequestException>(() => sandbox.PutAsync(("ActionId", action.Id), ("Sku", action.Items[0].Sku), ("Quantity", action.Items[0].Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("ItemSubTotalDelta", "-1"), ("Reason", "ORDER_UPDATE")));
        Assert.True(await sandbox.Host.Queue.WhenIdleAsync(TimeSpan.FromSeconds(10), default));
        var entry = Assert.Single(sandbox.Host.Ledger.Entries(action.Id), e => e.Field == "ItemSubTotalDelta");
        Assert.Equal(("ItemSubTotalDelta", "-1"), (entry.Field, entry.Value));
    }

    [Fact]
    public async Task A_broken_body_sends_part_of_the_answer_and_closes()
    {
        await using var sandbox = await TestSandbox.StartAsync(configure: Faults(new FaultOptions { BreakBody = 1 }));
        using var response = await sandbox.Http.GetAsync($"{sandbox.Root}/Actions?CampaignId=1000", System.Net.Http.HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stream = await response.Content.ReadAsStreamAsync();
        var received = new System.IO.MemoryStream();
        await Assert.ThrowsAnyAsync<System.IO.IOException>(() => stream.CopyToAsync(received));
        Assert.True(received.Length > 100);
        Assert.Equal("BreakBody", Assert.Single(sandbox.Host.Requests.Since(0)).Fault);
    }

    [Fact]
    public async Task A_slow_answer_still_answers_and_is_logged_as_slow()
    {
        await using var sandbox = await TestSandbox.StartAsync(configure: Faults(new FaultOptions { Slow = 1, SlowDelay = TimeSpan.FromMilliseconds(200) }));
        Assert.Equal(HttpStatusCode.OK, (await sandbox.GetAsync($"{sandbox.Root}/Actions?CampaignId=1000")).Status);
        Assert.Equal("Slow", Assert.Single(sandbox.Host.Requests.Since(0)).Fault);
    }

    [Fact]
    public async Task The_control_paths_are_never_faulted_or_counted()
    {
        await using var sandbox = await TestSandbox.StartAsync(configure: Faults(new FaultOptions { ServerError = 1 }));
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await sandbox.Http.GetAsync("/_sandbox/info")).StatusCode);
        Assert.Equal(0, sandbox.Host.Requests.Count);
    }

    [Fact]
    public async Task A_rule_fails_exactly_the_request_it_names_and_no_other()
    {
        var rule = new FaultRule { Method = "PUT", PathContains = "/Actions", Occurrence = 2, Kind = Pipeline.FaultKind.ServerError };
        await using var sandbox = await TestSandbox.StartAsync(configure: Faults(new FaultOptions { Rules = new[] { rule } }));
        var action = sandbox.Modifiable();
        var quantity = action.Items[0].Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await sandbox.GetAsync($"{sandbox.Root}/Actions?CampaignId=1000")).Status);
            statuses.Add((await sandbox.PutAsync(("ActionId", action.Id), ("Sku", action.Items[0].Sku), ("Quantity", quantity), ("Reason", "ORDER_UPDATE"))).Status);
        }
        Assert.Equal(new[] { HttpStatusCode.OK, HttpStatusCode.InternalServerError, HttpStatusCode.OK }, statuses);
        Assert.Equal(new[] { "", "", "", "ServerError", "", "" }, sandbox.Host.Requests.Since(0).Select(e => e.Fault));
    }

    [Fact]
    public async Task Per_request_faults_depend_on_the_request_not_on_what_came_before_it()
    {
        var faults = new FaultOptions { Seed = 5, PerRequest = true, ServerError = 0.5 };
        await using var quiet = await TestSandbox.StartAsync(configure: Faults(faults));
        await using var busy = await TestSandbox.StartAsync(configure: Faults(new FaultOptions { Seed = 5, PerRequest = true, ServerError = 0.5 }));
        for (var i = 0; i < 20; i++) await busy.GetAsync($"{busy.Root}/Actions?CampaignId=1001&PageSize={2000 + i}");

        var paths = Enumerable.Range(0, 30).Select(i => $"/Actions?CampaignId=1000&PageSize={3000 + i}").ToList();
        var first = new List<HttpStatusCode>();
        var second = new List<HttpStatusCode>();
        foreach (var path in paths) first.Add((await quiet.GetAsync(quiet.Root + path)).Status);
        foreach (var path in Enumerable.Reverse(paths)) second.Insert(0, (await busy.GetAsync(busy.Root + path)).Status);

        Assert.Equal(first, second);
        Assert.Contains(HttpStatusCode.InternalServerError, first);
        Assert.Contains(HttpStatusCode.OK, first);
    }

    [Fact]
    public async Task The_same_writes_in_the_same_order_get_the_same_BatchIds()
    {
        async Task<List<string>> BatchIdsAsync()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var ids = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                var action = sandbox.Modifiable(skip: i);
                var answer = await sandbox.PutAsync(("ActionId", action.Id), ("Sku", action.Items[0].Sku), ("Quantity", "1"), ("Reason", "ORDER_UPDATE"));
                ids.Add(answer.Json.GetProperty("QueuedUri").GetString()!.Split('/')[^1]);
            }
            return ids;
        }

        var first = await BatchIdsAsync();
        Assert.Equal(first, await BatchIdsAsync());
        Assert.Equal(3, first.Distinct().Count());
        Assert.All(first, id => Assert.Matches("^A-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", id));
    }
}
