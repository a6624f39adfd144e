using System;
using System.Globalization;
using System.Linq;
using System.Net;
using Xunit.Abstractions;

namespace ImpactActions.Engine.Tests;

/// <summary>Get-ImpactAction and Get-ImpactActionItem in the engine: dates as users give them, streaming, Ctrl+C.</summary>
public sealed class ListingTests : IClassFixture<EngineSandbox>
{
    private readonly EngineSandbox _sandbox;
    private readonly ITestOutputHelper _output;

    public ListingTests(EngineSandbox sandbox, ITestOutputHelper output)
    {
        _sandbox = sandbox;
        _output = output;
    }

    private string LastQuery(long after) =>
        WebUtility.UrlDecode(_sandbox.Host.Requests.Since(after).Last(r => r.PathAndQuery.Contains("/Actions?", StringComparison.Ordinal)).PathAndQuery);

    [Fact]
    public void An_actions_EventDate_a_DateTime_and_an_ISO_string_are_all_dates()
    {
        var action = _sandbox.Host.Store.All().First();
        var before = _sandbox.Host.Requests.Count;
        var outcome = _sandbox.Engine.Run(
            "$a = Get-ImpactAction -ActionId $id; Get-ImpactAction -CampaignId $a.CampaignId -ActionDateStart $a.EventDate -ActionDateEnd $a.EventDate.AddHours(1)",
            ("id", action.Id)).ThrowIfFailed();
        Assert.Contains(action.Id, outcome.Values("Id"));
        // Sent as the same instant in UTC.
        Assert.Contains("ActionDateStart=" + action.EventDate.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), LastQuery(before));

        before = _sandbox.Host.Requests.Count;
        _sandbox.Engine.Run("Get-ImpactAction -CampaignId 1000 -StartDate '2026-01-02T03:04:05Z' -EndDate ([datetime]::new(2026, 1, 20, 0, 0, 0, [System.DateTimeKind]::Utc)) -First 1").ThrowIfFailed();
        var query = LastQuery(before);
        Assert.Contains("StartDate=2026-01-02T03:04:05Z", query);
        Assert.Contains("EndDate=2026-01-20T00:00:00Z", query);
    }

    [Fact]
    public void A_string_that_is_no_date_is_refused_by_name_before_any_request()
    {
        var before = _sandbox.Host.Requests.Count;
        var outcome = _sandbox.Engine.Run("Get-ImpactAction -CampaignId 1000 -StartDate 'last tuesday' -EndDate '2026-01-01'");
        // A parameter binding error ends the statement: it is in the error stream.
        var error = Assert.Single(outcome.Errors);
        Assert.StartsWith("ParameterArgumentTransformationError", error.FullyQualifiedErrorId);
        Assert.Contains("StartDate", error.Exception.Message);
        Assert.Contains("'last tuesday' is not an ISO 8601 date", error.Exception.Message);
        Assert.Equal(before, _sandbox.Host.Requests.Count);
    }

    [Fact]
    public void A_start_past_three_years_is_refused_before_any_request_naming_the_switch_that_clamps_it()
    {
        var before = _sandbox.Host.Requests.Count;
        var outcome = _sandbox.Engine.Run("Get-ImpactAction -CampaignId 1000 -StartDate ([datetime]::Now.AddYears(-4))");
        var error = Assert.Single(outcome.Errors);
        Assert.Equal("ImpactActions.InvalidQuery,ImpactActions.Cmdlets.GetImpactActionCommand", error.FullyQualifiedErrorId);
        Assert.Contains("more than 3 years back", error.Exception.Message);
        Assert.Contains("-ClampToThreeYears", error.Exception.Message);
        Assert.Equal(before, _sandbox.Host.Requests.Count);

        // The remedy the message names works.
        Assert.NotEmpty(_sandbox.Engine.Run("Get-ImpactAction -CampaignId 1000 -StartDate ([datetime]::Now.AddYears(-4)) -ClampToThreeYears -First 1").ThrowIfFailed().Output);
    }

    [Fact]
    public void The_first_records_stream_out_of_one_request_and_items_follow_actions_down_the_pipeline()
    {
        var before = _sandbox.Host.Requests.Count;
        var outcome = _sandbox.Engine.Run("Get-ImpactAction -CampaignId 1000 -First 3 | Get-ImpactActionItem").ThrowIfFailed();
        var listRequests = _sandbox.Host.Requests.Since(before).Count(r => r.PathAndQuery.Contains("/Actions?", StringComparison.Ordinal));
        Assert.Equal(1, listRequests);
        Assert.True(outcome.Output.Count >= 3);
        Assert.All(outcome.Output, o => Assert.Equal("ImpactActions.Core.Records.ImpactActionItem", o.BaseObject.GetType().FullName));
    }

    [Fact]
    public void Stop_ends_a_listing_whose_page_hangs()
    {
        var before = _sandbox.Host.Requests.Count;
        using (_sandbox.HangRequests())
        {
            var (outcome, took) = _sandbox.Engine.RunAndStop("Get-ImpactAction -CampaignId 1000", () => _sandbox.Host.Requests.Count > before);
            _output.WriteLine($"Stop() returned after {took.TotalMilliseconds:0} ms");
            Assert.Empty(outcome.Output);
            Assert.Empty(outcome.Errors);
        }
    }
}
