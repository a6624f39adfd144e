using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using ImpactActions.Sandbox.Data;

namespace ImpactActions.Sandbox.Tests;

/// <summary>GET /Actions: the date rules, filters, order and page sizes of [ACTIONS].</summary>
public sealed class ListingRulesTests : IClassFixture<SharedSandbox>
{
    private readonly TestSandbox _sandbox;

    public ListingRulesTests(SharedSandbox shared) => _sandbox = shared.Sandbox;

    private DateTimeOffset Now => _sandbox.Host.Clock.Now;

    private static string Iso(DateTimeOffset value) => Uri.EscapeDataString(value.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));

    private Task<Answer> ListAsync(string query) => _sandbox.GetAsync($"{_sandbox.Root}/Actions?{query}");

    private List<ActionRecord> Truth(int campaignId, Func<ActionRecord, bool> where) =>
        _sandbox.Host.Store.InCampaign(campaignId).Where(where).ToList();

    private static List<string> Ids(Answer answer) =>
        answer.Json.GetProperty("Actions").EnumerateArray().Select(a => a.GetProperty("Id").GetString()!).ToList();

    [Fact]
    public async Task CampaignId_is_required()
    {
        (await ListAsync("")).AssertFieldError("CampaignId");
        (await ListAsync("CampaignId=abc")).AssertFieldError("CampaignId");
        (await ListAsync("CampaignId=9999")).AssertFieldError("CampaignId");
    }

    [Fact]
    public async Task Without_dates_only_the_last_seven_days_by_last_update_are_listed()
    {
        var answer = await ListAsync("CampaignId=1000");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var expected = Truth(1000, a => a.LastUpdated >= Now.AddDays(-7) && a.LastUpdated <= Now).Select(a => a.Id).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Ids(answer));
    }

    [Fact]
    public async Task StartDate_and_EndDate_need_each_other()
    {
        (await ListAsync($"CampaignId=1000&StartDate={Iso(Now.AddDays(-10))}")).AssertFieldError("EndDate");
        (await ListAsync($"CampaignId=1000&EndDate={Iso(Now)}")).AssertFieldError("StartDate");
    }

    [Fact]
    public async Task A_range_longer_than_45_days_is_refused_and_45_days_exactly_is_not()
    {
        var end = Now.AddDays(-1);
        (await ListAsync($"CampaignId=1000&StartDate={Iso(end.AddDays(-45).AddSeconds(-1))}&EndDate={Iso(end)}")).AssertFieldError("EndDate");
        Assert.Equal(HttpStatusCode.OK, (await ListAsync($"CampaignId=1000&StartDate={Iso(end.AddDays(-45))}&EndDate={Iso(end)}")).Status);
    }

    [Fact]
    public async Task A_start_more_than_three_years_back_is_refused()
    {
        var start = Now.AddYears(-3).AddDays(-1);
        (await ListAsync($"CampaignId=1000&StartDate={Iso(start)}&EndDate={Iso(start.AddDays(10))}")).AssertFieldError("StartDate");
        var inside = Now.AddYears(-3).AddDays(1);
        Assert.Equal(HttpStatusCode.OK, (await ListAsync($"CampaignId=1000&StartDate={Iso(inside)}&EndDate={Iso(inside.AddDays(10))}")).Status);
    }

    [Fact]
    public async Task End_before_start_is_refused()
    {
        (await ListAsync($"CampaignId=1000&StartDate={Iso(Now.AddDays(-1))}&EndDate={Iso(Now.AddDays(-2))}")).AssertFieldError("EndDate");
    }

    [Theory]
    [InlineData("2026-06-01")]
    [InlineData("06/01/2026")]
    [InlineData("yesterday")]
    public async Task A_date_without_a_time_part_is_refused_not_half_read(string start)
    {
        (await ListAsync($"CampaignId=1000&StartDate={Uri.EscapeDataString(start)}&EndDate={Iso(Now)}")).AssertFieldError("StartDate");
    }

    [Fact]
    public async Task StartDate_and_EndDate_filter_on_the_last_update_not_the_event()
    {
        var start = Now.AddDays(-40);
        var end = Now.AddDays(-20);
        var answer = await ListAsync($"CampaignId=1000&StartDate={Iso(start)}&EndDate={Iso(end)}");
        var expected = Truth(1000, a => a.LastUpdated >= start && a.LastUpdated <= end).Select(a => a.Id).ToList();
        Assert.Equal(expected, Ids(answer));
        // The generator updates a fifth of actions days after their event, so the two filters differ.
        var byEvent = Truth(1000, a => a.EventDate >= start && a.EventDate <= end).Select(a => a.Id).ToList();
        Assert.NotEqual(byEvent, expected);
    }

    [Fact]
    public async Task ActionDate_filters_on_the_event_date_and_needs_its_start()
    {
        var start = Now.AddDays(-100);
        var end = Now.AddDays(-60);
        var answer = await ListAsync($"CampaignId=1001&ActionDateStart={Iso(start)}&ActionDateEnd={Iso(end)}");
        var expected = Truth(1001, a => a.EventDate >= start && a.EventDate <= end).Select(a => a.Id).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Ids(answer));
        (await ListAsync($"CampaignId=1001&ActionDateEnd={Iso(end)}")).AssertFieldError("ActionDateStart");
    }

    [Fact]
    public async Task The_three_year_and_45_day_rules_bind_StartDate_only_as_the_seed_says()
    {
        // [ACTIONS]: "StartDate cannot be more than 3 years in the past", "The range between StartDate and EndDate cannot exceed 45 days".
        var start = Now.AddYears(-3).AddDays(-10);
        var end = Now.AddDays(-100);
        var answer = await ListAsync($"CampaignId=1001&ActionDateStart={Iso(start)}&ActionDateEnd={Iso(end)}");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(Truth(1001, a => a.EventDate >= start && a.EventDate <= end).Count, Ids(answer).Count);
        (await ListAsync($"CampaignId=1001&StartDate={Iso(start)}&EndDate={Iso(start.AddDays(40))}")).AssertFieldError("StartDate");
        (await ListAsync($"CampaignId=1001&StartDate={Iso(end)}&EndDate={Iso(end.AddDays(46))}")).AssertFieldError("EndDate");
    }

    [Fact]
    public async Task LockingDate_filters_on_the_locking_date()
    {
        var start = Now.AddDays(-200);
        var end = Now.AddDays(-170);
        var updatedFrom = Now.AddDays(-240);
        var answer = await ListAsync($"CampaignId=1000&LockingDateStart={Iso(start)}&LockingDateEnd={Iso(end)}&StartDate={Iso(updatedFrom)}&EndDate={Iso(updatedFrom.AddDays(45))}");
        var expected = Truth(1000, a => a.LockingDate >= start && a.LockingDate <= end && a.LastUpdated >= updatedFrom && a.LastUpdated <= updatedFrom.AddDays(45)).Select(a => a.Id).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Ids(answer));
        (await ListAsync($"CampaignId=1000&LockingDateEnd={Iso(end)}")).AssertFieldError("LockingDateStart");
    }

    [Fact]
    public async Task LockingDate_alone_still_gets_the_seven_day_default_of_StartDate()
    {
        // [ACTIONS]: "If neither is specified, only the past 7 days are returned" (StartDate, EndDate); unlike
        // ActionDateStart, LockingDateStart is not documented as an alternative to StartDate.
        var start = Now.AddDays(-400);
        var end = Now.AddDays(40);
        var answer = await ListAsync($"CampaignId=1000&LockingDateStart={Iso(start)}&LockingDateEnd={Iso(end)}");
        var expected = Truth(1000, a => a.LockingDate >= start && a.LockingDate <= end && a.LastUpdated >= Now.AddDays(-7)).Select(a => a.Id).ToList();
        Assert.NotEmpty(expected);
        Assert.True(Truth(1000, a => a.LockingDate >= start && a.LockingDate <= end).Count > expected.Count);
        Assert.Equal(expected, Ids(answer));
    }

    [Theory]
    [InlineData("APPROVED")]
    [InlineData("REVERSED")]
    public async Task State_filters_on_the_current_state(string state)
    {
        var start = Now.AddDays(-300);
        var end = Now.AddDays(-256);
        var answer = await ListAsync($"CampaignId=1000&State={state}&StartDate={Iso(start)}&EndDate={Iso(end)}");
        var expected = Truth(1000, a => a.State.ToString() == state && a.LastUpdated >= start && a.LastUpdated <= end).Select(a => a.Id).ToList();
        Assert.Equal(expected, Ids(answer));
        Assert.All(answer.Json.GetProperty("Actions").EnumerateArray(), a => Assert.Equal(state, a.GetProperty("State").GetString()));
        (await ListAsync("CampaignId=1000&State=LOST")).AssertFieldError("State");
    }

    [Fact]
    public async Task Actions_come_newest_created_first()
    {
        var answer = await ListAsync($"CampaignId=1000&StartDate={Iso(Now.AddDays(-45))}&EndDate={Iso(Now)}");
        var created = answer.Json.GetProperty("Actions").EnumerateArray()
            .Select(a => DateTimeOffset.Parse(a.GetProperty("CreationDate").GetString()!, CultureInfo.InvariantCulture)).ToList();
        Assert.True(created.Count > 10);
        Assert.Equal(created.OrderByDescending(c => c).ToList(), created);
    }

    [Fact]
    public async Task The_paging_envelope_sends_numbers_as_strings_and_relative_links()
    {
        var answer = await ListAsync($"CampaignId=1000&StartDate={Iso(Now.AddDays(-45))}&EndDate={Iso(Now)}");
        var json = answer.Json;
        foreach (var key in new[] { "@page", "@numpages", "@pagesize", "@total", "@start", "@end" })
            Assert.Equal(JsonValueKind.String, json.GetProperty(key).ValueKind);
        Assert.Equal("1", json.GetProperty("@page").GetString());
        Assert.Equal("20000", json.GetProperty("@pagesize").GetString());
        Assert.Equal("", json.GetProperty("@previouspageuri").GetString());
        Assert.Equal("", json.GetProperty("@nextpageuri").GetString());
        Assert.StartsWith($"/Advertisers/{_sandbox.Host.AccountSid}/Actions?CampaignId=1000", json.GetProperty("@uri").GetString());
        Assert.Contains("Page=1", json.GetProperty("@lastpageuri").GetString());
        var first = json.GetProperty("Actions")[0];
        Assert.Equal(JsonValueKind.String, first.GetProperty("Amount").ValueKind);
        Assert.Equal(JsonValueKind.String, first.GetProperty("CampaignId").ValueKind);
        Assert.Equal("", first.GetProperty("ReferringDomain").GetString());
    }

    [Fact]
    public async Task A_page_size_below_the_minimum_is_raised_to_2000()
    {
        var answer = await ListAsync("CampaignId=1000&PageSize=10");
        Assert.Equal("2000", answer.Json.GetProperty("@pagesize").GetString());
        (await ListAsync("CampaignId=1000&PageSize=ten")).AssertFieldError("PageSize");
        (await ListAsync("CampaignId=1000&Page=0")).AssertFieldError("Page");
    }
}
