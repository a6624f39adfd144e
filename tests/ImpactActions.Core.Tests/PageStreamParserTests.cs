using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Json;
using ImpactActions.Core.Records;

namespace ImpactActions.Core.Tests;

/// <summary>The streaming list parser against every shape docs/api-reference.md says a client must accept, fed in small pieces.</summary>
public sealed class PageStreamParserTests
{
    /// <summary>Hands out at most <c>chunk</c> bytes per read, so records and tokens straddle every buffer edge.</summary>
    private sealed class TrickleStream : MemoryStream
    {
        private readonly int _chunk;

        public TrickleStream(byte[] data, int chunk) : base(data) => _chunk = chunk;

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, _chunk));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));
    }

    private static async Task<(List<ImpactAction> Actions, PageEnvelope Envelope)> ParseAsync(string json, int chunk = 7)
    {
        using var parser = new PageStreamParser<ImpactAction>(new TrickleStream(Encoding.UTF8.GetBytes(json), chunk), "Actions", RecordMaps.Action, () => new ImpactAction());
        var all = new List<ImpactAction>();
        var batch = new List<ImpactAction>();
        while (await parser.ReadAsync(batch, CancellationToken.None))
        {
            all.AddRange(batch);
            batch.Clear();
        }
        return (all, parser.Envelope);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public async Task A_list_of_one_collapsed_into_the_record_itself_is_that_record(int chunk)
    {
        const string json = """
            {"@page":"1","@numpages":"1","@total":"1","@nextpageuri":"","Actions":{"Id":"1000.1.1","Amount":"2.00","Extra":{"a":[1]}}}
            """;
        var (actions, envelope) = await ParseAsync(json, chunk);
        var action = Assert.Single(actions);
        Assert.Equal(("1000.1.1", 2.00m), (action.Id, action.Amount));
        Assert.False(envelope.HasNext);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Strings_numbers_empty_and_null_are_all_read(int chunk)
    {
        const string json = """
            {"@page":"1","@numpages":"3","@pagesize":"2000","@total":"5000","@nextpageuri":"/Advertisers/IR1/Actions?Page=2",
             "Actions":[
              {"Id":"1000.1.1","CampaignId":"1000","Amount":"19.27","Payout":0.77,"ClearedDate":"","Note":null,"EventDate":"2020-09-10T10:42:38-07:00","Extra":{"a":[1,2,{"b":3}]}},
              {"Id":"1000.1.2","CampaignId":1000,"Amount":21.99,"Payout":"","ClearedDate":null,"EventDate":"2020-09-10T10:42:38+05:30"}
             ]}
            """;
        var (actions, envelope) = await ParseAsync(json, chunk);
        Assert.Equal(2, actions.Count);
        Assert.Equal((1, 3, 2000, 5000L), (envelope.Page, envelope.NumPages, envelope.PageSize, envelope.Total));
        Assert.True(envelope.HasNext);
        Assert.Equal(19.27m, actions[0].Amount);
        Assert.Equal(0.77m, actions[0].Payout);
        Assert.Null(actions[0].ClearedDate);
        Assert.Null(actions[0].Note);
        Assert.Equal(TimeSpan.FromHours(-7), actions[0].EventDate!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2020, 9, 10, 10, 42, 38, TimeSpan.FromHours(-7)), actions[0].EventDate);
        Assert.Equal(1000L, actions[1].CampaignId);
        Assert.Equal(21.99m, actions[1].Amount);
        Assert.Null(actions[1].Payout);
        Assert.Equal(TimeSpan.FromHours(5.5), actions[1].EventDate!.Value.Offset);
    }

    [Theory]
    [InlineData("\"2\"")]
    [InlineData("\"2.00\"")]
    [InlineData("2")]
    [InlineData("2.0")]
    public async Task An_item_quantity_written_as_a_decimal_is_read_as_the_whole_number(string quantity)
    {
        var json = "{\"@page\":\"1\",\"@numpages\":\"1\",\"ActionItems\":[{\"Sku\":\"1\",\"Quantity\":" + quantity
                   + ",\"AdjustmentDate\":\"2020-09-10T10:42:38\"},{\"Sku\":\"2\",\"Quantity\":\"2.5\",\"AdjustmentDate\":\"2020-09-10T10:42:38Z\"}]}";
        using var parser = new PageStreamParser<ImpactActionItem>(new TrickleStream(Encoding.UTF8.GetBytes(json), 5), "ActionItems", RecordMaps.Item, () => new ImpactActionItem());
        var items = new List<ImpactActionItem>();
        var batch = new List<ImpactActionItem>();
        while (await parser.ReadAsync(batch, CancellationToken.None))
        {
            items.AddRange(batch);
            batch.Clear();
        }
        Assert.Equal(2, items[0].Quantity);
        Assert.Null(items[1].Quantity);
        // A date without an offset is read as UTC (docs/design.md), the same instant as one written with Z.
        Assert.Equal(items[1].AdjustmentDate, items[0].AdjustmentDate);
        Assert.Equal(TimeSpan.Zero, items[0].AdjustmentDate!.Value.Offset);
    }

    [Fact]
    public async Task Decimals_never_depend_on_the_culture()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var (actions, _) = await ParseAsync("""{"Actions":[{"Amount":"1234.56","Payout":"3,49"}]}""");
            Assert.Equal(1234.56m, actions[0].Amount);
            Assert.Null(actions[0].Payout);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public async Task Escaped_names_and_values_are_read()
    {
        var (actions, _) = await ParseAsync("""{"Actions":[{"\u0049d":"A\u002F1","Amount":"\u0031\u0030.5"}]}""");
        Assert.Equal("A/1", actions[0].Id);
        Assert.Equal(10.5m, actions[0].Amount);
    }

    [Fact]
    public async Task Paging_keys_after_the_array_and_the_typo_spelling_are_read()
    {
        var (actions, envelope) = await ParseAsync("""{"Actions":[{"Id":"x"}],"@page":2,"@numpages":2,"@nextpageruri":"/next"}""");
        Assert.Single(actions);
        Assert.Equal("/next", envelope.NextPageUri);
        Assert.False(envelope.HasNext);
    }

    [Fact]
    public async Task An_empty_next_link_ends_the_list()
    {
        var (_, envelope) = await ParseAsync("""{"@page":"1","@numpages":"5","@nextpageuri":"","Actions":[]}""");
        Assert.False(envelope.HasNext);
    }

    [Fact]
    public async Task A_record_larger_than_the_buffer_is_read_whole()
    {
        var note = new string('n', 200_000);
        var (actions, _) = await ParseAsync($$"""{"Actions":[{"Id":"big","Note":"{{note}}"},{"Id":"after"}]}""", chunk: 8192);
        Assert.Equal(note, actions[0].Note);
        Assert.Equal("after", actions[1].Id);
    }

    [Fact]
    public async Task A_truncated_answer_is_an_error_not_a_short_list()
    {
        await Assert.ThrowsAsync<ImpactResponseException>(() => ParseAsync("""{"Actions":[{"Id":"1"},{"Id":"""));
    }

    [Fact]
    public async Task An_answer_that_is_not_a_list_object_is_an_error()
    {
        await Assert.ThrowsAsync<ImpactResponseException>(() => ParseAsync("""[{"Id":"1"}]"""));
    }
}
