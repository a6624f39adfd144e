using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using ImpactActions.Core.Http;
using ImpactActions.Core.Paging;
using ImpactActions.Sandbox;

namespace ImpactActions.Core.Tests;

/// <summary>Retries, Retry-After, pacing and redaction, against the sandbox's injected faults and budget.</summary>
public sealed class ResilienceTests
{
    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task A_read_that_meets_a_passing_failure_is_retried_and_logged(int status)
    {
        var faults = status switch
        {
            429 => new FaultOptions { Seed = 2, TooManyRequests = 0.5 },
            500 => new FaultOptions { Seed = 2, ServerError = 0.5 },
            _ => new FaultOptions { Seed = 2, ServiceUnavailable = 0.5 },
        };
        await using var sandbox = await CoreSandbox.StartAsync(configure: o => o.Behaviour.Faults = faults);
        var reader = new ActionReader(sandbox.Client(), sandbox.Clock);
        for (var i = 0; i < 10; i++)
            Assert.Equal(sandbox.Host.Store.All().First().Id, (await reader.GetAsync(sandbox.Host.Store[0].Id)).Id);
        Assert.Contains(sandbox.Host.Requests.Since(0), r => r.StatusCode == status);
        Assert.Contains(sandbox.Log.Lines, l => l.Contains("Retrying GET") && l.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Dropped_connections_are_retried_for_reads()
    {
        await using var sandbox = await CoreSandbox.StartAsync(configure: o => o.Behaviour.Faults = new FaultOptions { Seed = 5, DropBeforeHandling = 0.3, DropAfterHandling = 0.3 });
        var reader = new ActionReader(sandbox.Client(), sandbox.Clock);
        for (var i = 0; i < 10; i++) await reader.GetAsync(sandbox.Host.Store[i].Id);
        Assert.Contains(sandbox.Host.Requests.Since(0), r => r.StatusCode == 0);
    }

    [Fact]
    public async Task Retry_After_is_honoured_in_seconds_and_as_a_date()
    {
        foreach (var asDate in new[] { false, true })
        {
            await using var sandbox = await CoreSandbox.StartAsync(configure: o =>
                o.Behaviour.Faults = new FaultOptions { Seed = 1, TooManyRequests = 0.5, RetryAfterSeconds = 2, RetryAfterAsDate = asDate });
            var reader = new ActionReader(sandbox.Client(), sandbox.Clock);
            for (var i = 0; i < 4; i++) await reader.GetAsync(sandbox.Host.Store[i].Id);
            var retries = sandbox.Log.Lines.Where(l => l.Contains("Retrying")).ToList();
            Assert.NotEmpty(retries);
            // The pacer keeps the stated wait; the retry adds none of its own, so the two never stack.
            Assert.All(retries, l => Assert.Matches(@"in 0\.0 s", l));
            var waits = sandbox.Log.Lines.Where(l => l.Contains("Rate limit:")).ToList();
            Assert.Equal(retries.Count, waits.Count);
            // The backoff here is 10 ms; a wait near two seconds can only come from Retry-After
            // (as a date it is cut to the second, so it lands between one and two seconds).
            Assert.All(waits, l => Assert.Matches(asDate ? @"waiting (0\.9|1\.\d|2\.0) s" : @"waiting 2\.0 s", l));
        }
    }

    [Fact]
    public async Task Retries_give_up_with_the_api_message_when_failures_persist()
    {
        await using var sandbox = await CoreSandbox.StartAsync(configure: o => o.Behaviour.Faults = new FaultOptions { ServiceUnavailable = 1 },
            connect: c => c.MaxRetries = 2);
        var reader = new ActionReader(sandbox.Client(), sandbox.Clock);
        var e = await Assert.ThrowsAsync<ImpactApiException>(() => reader.GetAsync(sandbox.Host.Store[0].Id));
        Assert.Equal(503, e.StatusCode);
        Assert.Equal("Service unavailable.", e.ApiMessage);
        Assert.Equal(3, sandbox.Host.Requests.Count);
    }

    [Fact]
    public async Task A_refusal_is_not_retried_and_carries_the_field_errors()
    {
        await using var sandbox = await CoreSandbox.StartAsync();
        var client = sandbox.Client();
        var e = await Assert.ThrowsAsync<ImpactApiException>(() => client.SendForBodyAsync(new ApiRequest(HttpMethod.Get, client.Path("Actions?CampaignId=x")), default));
        Assert.Equal(400, e.StatusCode);
        Assert.Equal("CampaignId", Assert.Single(e.FieldErrors).Field);
        Assert.Equal(1, sandbox.Host.Requests.Count);
    }

    [Fact]
    public async Task The_token_never_appears_in_logs_or_exceptions()
    {
        await using var sandbox = await CoreSandbox.StartAsync(configure: o => o.Behaviour.Faults = FaultOptions.Mixed(0.5, 9));
        var client = sandbox.Client();
        var reader = new ActionReader(client, sandbox.Clock);
        var messages = new System.Collections.Generic.List<string>();
        for (var i = 0; i < 20; i++)
        {
            try
            {
                await reader.GetAsync(i % 3 == 0 ? "1000.1.1" : sandbox.Host.Store[i].Id);
            }
            catch (Exception e)
            {
                messages.Add(e.ToString());
            }
        }
        try
        {
            await client.SendForBodyAsync(new ApiRequest(HttpMethod.Get, client.Path("Actions?CampaignId=1000&Note=" + sandbox.Host.AuthToken)), default);
        }
        catch (Exception e)
        {
            messages.Add(e.ToString());
        }
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{sandbox.Host.AccountSid}:{sandbox.Host.AuthToken}"));
        var everything = string.Join("\n", sandbox.Log.Lines.Concat(messages));
        Assert.Contains("GET /Advertisers/", everything);
        Assert.Contains("[redacted]", everything);
        Assert.DoesNotContain(sandbox.Host.AuthToken, everything);
        Assert.DoesNotContain(basic, everything);
    }

    [Fact]
    public async Task A_link_to_another_host_is_not_followed_with_the_credentials()
    {
        await using var sandbox = await CoreSandbox.StartAsync();
        var client = sandbox.Client();
        await Assert.ThrowsAsync<ImpactResponseException>(() => client.SendForBodyAsync(new ApiRequest(HttpMethod.Get, "http://127.0.0.2:1/Advertisers/x/Actions"), default));
        Assert.Equal(0, sandbox.Host.Requests.Count);
    }
}

/// <summary>Pacing to the budget: a rate window of seconds, so these run alone.</summary>
[Collection(SerialCollection.Name)]
public sealed class PacingTests
{
    [Fact]
    public async Task Requests_are_paced_to_the_budget_so_the_client_causes_no_429()
    {
        await using var sandbox = await CoreSandbox.StartAsync(configure: o =>
        {
            o.Behaviour.RateLimit = 4;
            o.Behaviour.RateLimitWindow = TimeSpan.FromSeconds(2);
        });
        var reader = new ActionReader(sandbox.Client(), sandbox.Clock);
        for (var i = 0; i < 10; i++) await reader.GetAsync(sandbox.Host.Store[i].Id);
        var log = sandbox.Host.Requests.Since(0);
        // A transport retry may add a request; a 429 would mean the pacing failed.
        Assert.True(log.Count >= 10 && log.All(r => r.StatusCode != 429),
            string.Join("\n", log.Select(r => $"{r.Sequence} {r.StatusCode} {r.Fault}")) + "\n" + string.Join("\n", sandbox.Log.Lines));
        Assert.Contains(sandbox.Log.Lines, l => l.Contains("Rate limit: the API's budget for Actions requests is nearly spent"));
    }

    [Fact]
    public async Task A_429_stating_only_Retry_After_and_nothing_left_waits_what_it_says_not_an_hour()
    {
        await using var sandbox = await CoreSandbox.StartAsync(configure: o =>
        {
            o.Behaviour.RateLimit = 2;
            o.Behaviour.RateLimitWindow = TimeSpan.FromSeconds(2);
            o.Behaviour.RateLimitHeaders = RateLimitHeaderStyle.RemainingOnly;
        });
        var reader = new ActionReader(sandbox.Client(), sandbox.Clock);
        for (var i = 0; i < 5; i++) await reader.GetAsync(sandbox.Host.Store[i].Id);

        Assert.Contains(sandbox.Host.Requests.Since(0), r => r.StatusCode == 429);
        Assert.Contains(sandbox.Log.Lines, l => l.Contains("0 requests left, retry after"));
        Assert.DoesNotContain(sandbox.Log.Lines, l => l.Contains(" of  requests"));
        Assert.DoesNotContain(sandbox.Log.Lines, l => l.StartsWith("WARNING", StringComparison.Ordinal));
        // Every wait the client planned, from its own log: none beyond the two seconds the API asked for.
        var waits = sandbox.Log.Lines.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"(?:in|waiting) ([0-9.]+) s")).Where(m => m.Success)
            .Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(waits);
        Assert.All(waits, w => Assert.InRange(w, 0, 2.0));
    }

    [Fact]
    public void Retry_After_is_the_reset_and_a_window_no_answer_states_is_never_assumed()
    {
        var now = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        var pacer = new ImpactActions.Core.Resilience.RateLimitPacer(TimeSpan.FromMinutes(65), () => now);
        pacer.Observe("Actions", new ImpactActions.Core.Resilience.RateLimitState(null, 0, null), TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(2), pacer.Reserve("Actions"));

        pacer.Observe("Actions", new ImpactActions.Core.Resilience.RateLimitState(null, 0, null));
        Assert.Equal(TimeSpan.Zero, pacer.Reserve("Actions"));

        // A stated reset further away than the longest wait allowed fails the request at once, saying how long.
        pacer.Observe("Actions", new ImpactActions.Core.Resilience.RateLimitState(1000, 0, now.AddHours(3)));
        var tooLong = Assert.Throws<ImpactActions.Core.Resilience.RateLimitWaitTooLongException>(() => pacer.Reserve("Actions"));
        Assert.Contains("3 hours (10800 s)", tooLong.Message);
        Assert.Contains("-MaxRateLimitWaitSeconds", tooLong.Message);

        // A remembered reset expires when its time passes: the next command does not wait for it.
        pacer.Observe("Actions", new ImpactActions.Core.Resilience.RateLimitState(1000, 0, now.AddMinutes(5)));
        now = now.AddMinutes(6);
        Assert.Equal(TimeSpan.Zero, pacer.Reserve("Actions"));
    }

    [Fact]
    public async Task A_429_asking_for_longer_than_the_connection_allows_fails_at_once_with_the_wait_it_was_told()
    {
        await using var sandbox = await CoreSandbox.StartAsync(configure: o => o.Behaviour.Faults = new FaultOptions
        {
            RetryAfterSeconds = 3600,
            Rules = new[] { new FaultRule { Method = "GET", PathContains = "/Actions/", Occurrence = 1, Kind = ImpactActions.Sandbox.Pipeline.FaultKind.TooManyRequests } },
        }, connect: c => c.MaxRateLimitWait = TimeSpan.FromSeconds(60));
        var reader = new ActionReader(sandbox.Client(), sandbox.Clock);
        var refused = await Assert.ThrowsAsync<ImpactApiException>(() => reader.GetAsync(sandbox.Host.Store[0].Id));
        Assert.Equal(429, refused.StatusCode);
        Assert.Contains("1 hour (3600 s)", refused.Message);
        Assert.Contains("-MaxRateLimitWaitSeconds", refused.Message);
        Assert.Single(sandbox.Host.Requests.Since(0));
        Assert.DoesNotContain(sandbox.Log.Lines, l => l.Contains("Retrying"));
    }

    [Fact]
    public async Task A_429_is_waited_for_once_by_the_pacer_and_the_retry_adds_no_wait_of_its_own()
    {
        await using var sandbox = await CoreSandbox.StartAsync(configure: o => o.Behaviour.Faults = new FaultOptions
        {
            RetryAfterSeconds = 1,
            Rules = new[] { new FaultRule { Method = "GET", PathContains = "/Actions/", Occurrence = 1, Kind = ImpactActions.Sandbox.Pipeline.FaultKind.TooManyRequests } },
        });
        var reader = new ActionReader(sandbox.Client(), sandbox.Clock);
        await reader.GetAsync(sandbox.Host.Store[0].Id);
        var waits = sandbox.Log.Lines.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"(?:in|waiting) ([0-9.]+) s")).Where(m => m.Success)
            .Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Where(w => w > 0).ToList();
        Assert.Equal(1.0, Assert.Single(waits), 1);
        Assert.Equal(2, sandbox.Host.Requests.Since(0).Count);
    }

    [Fact]
    public async Task A_wait_over_a_minute_is_a_warning_with_its_length_and_Ctrl_C_ends_it()
    {
        var now = DateTimeOffset.UtcNow;
        var pacer = new ImpactActions.Core.Resilience.RateLimitPacer(TimeSpan.FromMinutes(65), () => now);
        pacer.Observe("Actions", new ImpactActions.Core.Resilience.RateLimitState(1000, 0, now.AddMinutes(10)));
        var log = new CapturingLog();
        using var stop = new System.Threading.CancellationTokenSource();
        var waiting = pacer.WaitAsync("Actions", log, stop.Token);
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        var warning = Assert.Single(log.Lines);
        Assert.StartsWith("WARNING Rate limit:", warning);
        Assert.Contains("10 minutes (600 s)", warning);
    }

    [Fact]
    public async Task Pacing_reads_the_hourly_header_spelling_and_a_Unix_reset()
    {
        await using var sandbox = await CoreSandbox.StartAsync(configure: o =>
        {
            o.Behaviour.RateLimit = 3;
            o.Behaviour.RateLimitWindow = TimeSpan.FromSeconds(2);
            o.Behaviour.RateLimitHeaders = RateLimitHeaderStyle.Hour;
            o.Behaviour.RateLimitReset = RateLimitResetStyle.UnixTime;
        });
        var reader = new ActionReader(sandbox.Client(), sandbox.Clock);
        for (var i = 0; i < 6; i++) await reader.GetAsync(sandbox.Host.Store[i].Id);
        Assert.DoesNotContain(sandbox.Host.Requests.Since(0), r => r.StatusCode == 429);
    }
}
