using System;
using System.Linq;
using ImpactActions.Core.Paging;

namespace ImpactActions.Core.Tests;

public sealed class DateWindowPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1)]
    [InlineData(45)]
    [InlineData(46)]
    [InlineData(730)]
    [InlineData(1000)]
    public void Windows_cover_the_range_exactly_second_by_second(int days)
    {
        var start = Now.AddDays(-days).AddMilliseconds(250);
        var windows = DateWindowPlanner.Plan("StartDate", start, Now, Now, clampToThreeYears: false).ToList();
        Assert.Equal((int)Math.Ceiling(days / 45.0), windows.Count);
        Assert.Equal(DateWindowPlanner.WholeSeconds(Now), windows[0].End);
        Assert.Equal(DateWindowPlanner.WholeSeconds(start), windows[^1].Start);
        for (var i = 0; i < windows.Count; i++)
        {
            Assert.True(windows[i].Length <= TimeSpan.FromDays(45));
            Assert.Equal(0, windows[i].Start.Ticks % TimeSpan.TicksPerSecond);
            if (i > 0) Assert.Equal(windows[i].End.AddSeconds(1), windows[i - 1].Start);
        }
    }

    [Fact]
    public void Halves_meet_with_no_second_in_both()
    {
        var window = new DateWindow(Now.AddDays(-45), Now);
        var (first, second) = window.Halve()!.Value;
        Assert.Equal(window.Start, first.Start);
        Assert.Equal(first.End.AddSeconds(1), second.Start);
        Assert.Equal(window.End, second.End);
        Assert.Null(new DateWindow(Now.AddSeconds(-30), Now).Halve());
    }

    [Fact]
    public void A_start_past_three_years_is_refused_or_clamped_inside_the_limit()
    {
        var old = Now.AddYears(-3).AddDays(-1);
        var refused = Assert.Throws<ImpactQueryException>(() => DateWindowPlanner.Plan("StartDate", old, Now, Now, false).ToList());
        // The remedy names the parameters that give it, and the dates carry their offset.
        Assert.Contains("Use a -StartDate after", refused.Message);
        Assert.Contains("add -ClampToThreeYears", refused.Message);
        Assert.Contains(old.ToString("yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture), refused.Message);
        var clamped = DateWindowPlanner.Plan("StartDate", Now.AddYears(-5), Now, Now, true).ToList();
        Assert.True(clamped[^1].Start > Now.AddYears(-3));
        Assert.Throws<ImpactQueryException>(() => DateWindowPlanner.Plan("StartDate", Now, Now.AddDays(-1), Now, false).ToList());
    }
}
