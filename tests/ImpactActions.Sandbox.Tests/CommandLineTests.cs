using System;

namespace ImpactActions.Sandbox.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Options_set_the_data_behaviour_and_quirks()
    {
        var options = SandboxCommandLine.Parse(new[]
        {
            "--port", "0", "--actions", "123", "--seed", "9", "--campaigns", "3", "--now", "2026-01-01T00:00:00Z",
            "--processing-delay-ms", "250", "--rate-limit", "50", "--rate-headers", "hour", "--fault-rate", "0.12",
            "--fault-seed", "5", "--link-typo", "true", "--custom-disposition-codes", "LATE,DAMAGED",
        }, out var message);
        Assert.Null(message);
        Assert.NotNull(options);
        Assert.Equal(0, options.Port);
        Assert.Equal((123, 9, 3), (options.Data.Actions, options.Data.Seed, options.Data.Campaigns));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), options.Data.Now);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.Behaviour.ProcessingDelay);
        Assert.Equal(50, options.Behaviour.RateLimit);
        Assert.Equal(RateLimitHeaderStyle.Hour, options.Behaviour.RateLimitHeaders);
        Assert.Equal(0.12, options.Behaviour.Faults.Total, 6);
        Assert.Equal(5, options.Behaviour.Faults.Seed);
        Assert.True(options.Behaviour.Quirks.LinkTypoSpelling);
        Assert.Equal(new[] { "LATE", "DAMAGED" }, options.Behaviour.CustomDispositionCodes);
    }

    [Fact]
    public void The_variants_beyond_the_pages_have_options()
    {
        var options = SandboxCommandLine.Parse(new[]
        {
            "--total-always-zero", "true", "--reversed-as-rejected", "true", "--short-batch-ids", "true",
            "--quantity-optional", "true", "--unlisted-fields", "true", "--duplicate-order-ids", "4",
        }, out var message)!;
        Assert.Null(message);
        var q = options.Behaviour.Quirks;
        Assert.True(q.TotalAlwaysZero && q.ReversedAsRejected && q.ShortBatchIds && q.QuantityOptional && q.UnlistedFields);
        Assert.Equal(4, options.Data.DuplicateOrderIds);
    }

    [Fact]
    public void Defaults_match_the_documentation()
    {
        var options = SandboxCommandLine.Parse(Array.Empty<string>(), out _)!;
        Assert.Equal(5087, options.Port);
        Assert.Equal((5000, 42), (options.Data.Actions, options.Data.Seed));
        Assert.Equal(1000, options.Behaviour.RateLimit);
        Assert.Equal(0, options.Behaviour.Faults.Total);
    }

    [Theory]
    [InlineData("--bogus", "1", "Unknown option")]
    [InlineData("--actions", "many", "--actions")]
    [InlineData("--actions", null, "needs a value")]
    public void Bad_options_are_named(string option, string? value, string expected)
    {
        var args = value is null ? new[] { option } : new[] { option, value };
        Assert.Null(SandboxCommandLine.Parse(args, out var message));
        Assert.Contains(expected, message);
    }

    [Fact]
    public void Help_lists_every_option()
    {
        Assert.Null(SandboxCommandLine.Parse(new[] { "--help" }, out var message));
        foreach (var option in new[] { "--port", "--actions", "--seed", "--fault-rate", "--rate-limit", "--processing-delay-ms", "--json" })
            Assert.Contains(option, message);
    }
}
