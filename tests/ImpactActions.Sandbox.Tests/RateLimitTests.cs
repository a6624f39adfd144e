using System;
using System.Globalization;
using System.Net;
using System.Threading.Tasks;

namespace ImpactActions.Sandbox.Tests;

/// <summary>The hourly budget: headers on every answer, 429 with Retry-After once spent, a fresh window after reset.</summary>
public sealed class RateLimitTests
{
    private static long Number(Answer answer, string header) => long.Parse(answer.Header(header), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Every_answer_counts_down_and_a_spent_budget_answers_429()
    {
        await using var sandbox = await TestSandbox.StartAsync(configure: o => o.Behaviour.RateLimit = 3);
        var path = $"{sandbox.Root}/Actions?CampaignId=1000";
        for (var remaining = 2; remaining >= 0; remaining--)
        {
            var answer = await sandbox.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.Equal(3, Number(answer, "X-RateLimit-Limit"));
            Assert.Equal(remaining, Number(answer, "X-RateLimit-Remaining"));
            Assert.InRange(Number(answer, "X-RateLimit-Reset"), 1, 3600);
        }
        var refused = await sandbox.GetAsync(path);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("ERROR", refused.Json.GetProperty("Status").GetString());
        Assert.InRange(Number(refused, "Retry-After"), 1, 3600);
        Assert.Equal(0, Number(refused, "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task The_budget_is_per_endpoint_family_and_renews_with_the_window()
    {
        await using var sandbox = await TestSandbox.StartAsync(configure: o => o.Behaviour.RateLimit = 1);
        Assert.Equal(HttpStatusCode.OK, (await sandbox.GetAsync($"{sandbox.Root}/Actions?CampaignId=1000")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await sandbox.GetAsync($"{sandbox.Root}/Actions?CampaignId=1000")).Status);
        Assert.Equal(HttpStatusCode.OK, (await sandbox.GetAsync($"{sandbox.Root}/APISubmissions")).Status);

        sandbox.Host.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.OK, (await sandbox.GetAsync($"{sandbox.Root}/Actions?CampaignId=1000")).Status);
    }

    [Fact]
    public async Task Remaining_alone_leaves_Retry_After_as_the_only_wait()
    {
        await using var sandbox = await TestSandbox.StartAsync(configure: o =>
        {
            o.Behaviour.RateLimit = 1;
            o.Behaviour.RateLimitWindow = TimeSpan.FromSeconds(2);
            o.Behaviour.RateLimitHeaders = RateLimitHeaderStyle.RemainingOnly;
        });
        await sandbox.GetAsync($"{sandbox.Root}/Actions?CampaignId=1000");
        var refused = await sandbox.GetAsync($"{sandbox.Root}/Actions?CampaignId=1000");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal(0, Number(refused, "X-RateLimit-Remaining"));
        Assert.InRange(Number(refused, "Retry-After"), 1, 2);
        Assert.Equal("", refused.Header("X-RateLimit-Limit"));
        Assert.Equal("", refused.Header("X-RateLimit-Reset"));
    }

    [Fact]
    public async Task The_hourly_spelling_and_a_Unix_reset_time_are_available()
    {
        await using var sandbox = await TestSandbox.StartAsync(configure: o =>
        {
            o.Behaviour.RateLimitHeaders = RateLimitHeaderStyle.Hour;
            o.Behaviour.RateLimitReset = RateLimitResetStyle.UnixTime;
        });
        var answer = await sandbox.GetAsync($"{sandbox.Root}/Actions?CampaignId=1000");
        Assert.Equal(1000, Number(answer, "x-ratelimit-limit-hour"));
        Assert.Equal(999, Number(answer, "x-ratelimit-remaining-hour"));
        Assert.True(Number(answer, "RateLimit-Reset") > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal("", answer.Header("X-RateLimit-Limit"));
    }

    [Fact]
    public async Task Requests_that_fail_authentication_do_not_spend_the_budget()
    {
        await using var sandbox = await TestSandbox.StartAsync(configure: o => o.Behaviour.RateLimit = 1);
        using var stranger = new System.Net.Http.HttpClient { BaseAddress = sandbox.Host.BaseUri };
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync($"{sandbox.Root}/Actions?CampaignId=1000")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sandbox.GetAsync($"{sandbox.Root}/Actions?CampaignId=1000")).Status);
    }
}
