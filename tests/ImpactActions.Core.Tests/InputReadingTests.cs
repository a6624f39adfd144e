using System;
using System.Linq;
using System.Threading.Tasks;
using ImpactActions.Core.Errors;
using ImpactActions.Core.Validation;
using ImpactActions.Core.Writing;

namespace ImpactActions.Core.Tests;

/// <summary>
/// Nothing ambiguous gets in (docs/csv-format.md): a number is read only where it has one reading, text
/// is sent as given unless it carries the mark of a mis-decoded file, lengths count characters, and a row
/// naming its action both ways is sent only when both name one action.
/// </summary>
public sealed class InputReadingTests
{
    private static ItemChangeInput Row(string? quantity = null, string? amount = null, string? delta = null, string? itemName = null, string? category = null) => new()
    {
        Row = 1, ActionId = "1000.2240.1", Sku = "A", Quantity = quantity, Amount = amount, Delta = delta, ItemName = itemName, Category = category,
    };

    private static string Problem(ItemChangeInput row)
    {
        var (change, errors) = ItemChangeValidator.Validate(row);
        Assert.Null(change);
        return RowError.Sentence(errors);
    }

    [Theory]
    [InlineData("2", 2)]
    [InlineData("2.0", 2)]
    [InlineData("2.00", 2)]
    [InlineData(" 3 ", 3)]
    [InlineData("+4", 4)]
    public void A_quantity_with_one_reading_is_read(string text, int expected) =>
        Assert.Equal(expected, ItemChangeValidator.Validate(Row(quantity: text)).Change!.Quantity);

    [Theory]
    [InlineData("1.000", "1000 (one thousand)", "1 (one)")]
    [InlineData("1,000", "1000 (one thousand)", "1 (one)")]
    [InlineData("12.500", "12500 (twelve thousand five hundred)", "12.5, which is not a whole number")]
    [InlineData("1.000.000", "1000000 (one million)", "")]
    [InlineData("2,0", "decimal comma; write 2", "")]
    [InlineData("1,5", "decimal comma, and 1.5 is not a whole number", "")]
    [InlineData("2.000", "2000 (two thousand)", "2 (two)")]
    public void A_quantity_that_could_mean_two_numbers_is_refused_naming_each(string text, string first, string second)
    {
        var problem = Problem(Row(quantity: text));
        Assert.StartsWith($"Quantity '{text}'", problem);
        Assert.Contains(first, problem);
        Assert.Contains(second, problem);
        Assert.Single(problem.Split(". ", StringSplitOptions.None));
    }

    [Theory]
    [InlineData("\u22125.00", "U+2212", "write -5.00")]
    [InlineData("\u20135.00", "U+2013", "write -5.00")]
    [InlineData("\uFF0D1", "U+FF0D", "write -1")]
    public void A_dash_that_only_looks_like_a_minus_is_named_with_what_to_write(string text, string named, string hint)
    {
        var delta = Problem(Row(quantity: "1", delta: text));
        Assert.StartsWith($"Delta '{text}' starts with {named}", delta);
        Assert.Contains(hint, delta);
        var change = Problem(new ItemChangeInput { Row = 1, ActionId = "1000.2240.1", Sku = "A", QuantityChange = text.Replace(".00", "") });
        Assert.Contains(named, change);
    }

    [Theory]
    [InlineData("1.000", "1000.00 (one thousand)", "which has 3 decimals")]
    [InlineData("1,000", "1000.00 (one thousand)", "1.000 where it is the decimal mark")]
    [InlineData("1.000,00", "1000.00 (one thousand)", "write it with a point and no separators, such as 1000.00")]
    [InlineData("1,000.00", "1000.00 (one thousand)", "thousands separators")]
    [InlineData("1 000,50", "1000.50 (one thousand and a fraction)", "thousands separators")]
    [InlineData("2,5", "decimal comma", "write 2.50")]
    [InlineData("2,00", "decimal comma", "write 2.00")]
    [InlineData("3,49", "decimal comma", "write 3.49")]
    [InlineData("$3.49", "currency sign", "such as 3.49")]
    [InlineData("3.49 EUR", "currency sign", "such as 3.49")]
    public void An_amount_that_is_not_a_point_and_two_decimals_is_refused_with_what_to_write(string text, string reading, string hint)
    {
        var problem = Problem(Row(quantity: "1", amount: text));
        Assert.StartsWith($"Amount '{text}'", problem);
        Assert.Contains(reading, problem);
        Assert.Contains(hint, problem);
    }

    [Theory]
    [InlineData("24.99", 24.99)]
    [InlineData("24.9", 24.9)]
    [InlineData("24", 24)]
    [InlineData("0.00", 0)]
    public void An_amount_with_a_point_and_at_most_two_decimals_is_read(string text, double expected) =>
        Assert.Equal((decimal)expected, ItemChangeValidator.Validate(Row(quantity: "1", amount: text)).Change!.Amount);

    [Theory]
    [InlineData("-5,00", "write -5.00")]
    [InlineData("-2,5", "write -2.50")]
    [InlineData("-1.000,00", "such as -1000.00")]
    [InlineData("-1,000.00", "such as -1000.00")]
    [InlineData("-$3.49", "such as -3.49")]
    [InlineData("-12,345", "such as -12345.00")]
    public void A_refused_negative_delta_is_told_back_with_its_sign(string delta, string remedy) =>
        Assert.Contains(remedy, Problem(Row(quantity: "1", delta: delta)));

    [Fact]
    public void A_refused_negative_quantity_change_reads_both_ways_with_its_sign()
    {
        var (change, errors) = ItemChangeValidator.Validate(new ItemChangeInput { Row = 1, ActionId = "1000.2240.1", Sku = "A", QuantityChange = "-1,000" });
        Assert.Null(change);
        var problem = RowError.Sentence(errors);
        Assert.Contains("reads as -1000 (minus one thousand)", problem);
        Assert.Contains("as -1 (minus one)", problem);
    }

    [Fact]
    public void Text_read_in_the_wrong_encoding_is_refused_saying_how_to_read_the_file()
    {
        var problem = Problem(Row(quantity: "1", itemName: "Caf\uFFFD Gr\uFFFD\uFFFDe"));
        Assert.StartsWith("ItemName 'Caf", problem);
        Assert.Contains("U+FFFD", problem);
        Assert.Contains("Import-Csv -Encoding", problem);
    }

    [Theory]
    // "Café Größe" in UTF-8 read as Windows-1252 (Windows PowerShell 5.1's reading of a file without a byte-order mark).
    [InlineData("Caf\u00C3\u00A9 Gr\u00C3\u00B6\u00C3\u0178e", "reads as 'Café Größe'", "-Encoding UTF8")]
    // "Kid’s Kite – 5€" in Windows-1252 read as Latin1: C1 controls where the file has ’, – and €.
    [InlineData("Kid\u0092s Kite \u0096 5\u0080", "U+0092", "-Encoding 1252")]
    [InlineData("Kite\u001B[0m", "control character U+001B", "remove it")]
    [InlineData("Kite\u0000", "control character U+0000", "remove it")]
    public void Text_with_the_marks_of_a_misread_file_is_refused_saying_how_to_read_it(string itemName, string mark, string remedy)
    {
        var problem = Problem(Row(quantity: "1", itemName: itemName));
        Assert.StartsWith("ItemName ", problem);
        Assert.Contains(mark, problem);
        Assert.Contains(remedy, problem);
    }

    [Fact]
    public void Text_cut_in_the_middle_of_a_character_is_refused()
    {
        // Built here: a lone surrogate would not survive a theory's serialization.
        var cut = "Tent " + char.ConvertFromUtf32(0x1F600)[0];
        var problem = Problem(Row(quantity: "1", itemName: cut));
        Assert.Contains("half of a character (U+D83D)", problem);
    }

    [Theory]
    [InlineData("Café Größe")]
    [InlineData("Kid’s Kite – 5€ ™")]
    [InlineData("Crème brûlée\tbox")]
    [InlineData("Ångström ßü")]
    [InlineData("NESCAFÉ®")]
    [InlineData("JOSÉ’S Tacos")]
    [InlineData("Ø\u00A030cm ½ inch")]
    [InlineData("Tent \uD83D\uDE00")]
    public void Text_in_other_scripts_and_symbols_is_not_taken_for_a_misread_file(string itemName) =>
        Assert.Equal(itemName, ItemChangeValidator.Validate(Row(quantity: "1", itemName: itemName)).Change!.ItemName);

    [Fact]
    public void Text_is_sent_as_given_and_counted_in_characters_not_UTF16_units()
    {
        var emoji = char.ConvertFromUtf32(0x1F600);
        var change = ItemChangeValidator.Validate(Row(quantity: "1", itemName: "  Café Größe  ", category: string.Concat(Enumerable.Repeat(emoji, 255)))).Change!;
        Assert.Equal("  Café Größe  ", change.ItemName);
        Assert.Equal(255, FieldRules.Characters(change.Category!));
        Assert.StartsWith("Category is 256 characters long", Problem(Row(quantity: "1", category: string.Concat(Enumerable.Repeat(emoji, 256)))));
    }

    [Fact]
    public void A_number_in_words_reads_as_English_does() =>
        Assert.Equal(new[] { "zero", "one thousand five hundred", "twelve thousand three hundred forty-five", "one million", "nine hundred ninety-nine thousand nine hundred ninety-nine" },
            new long[] { 0, 1500, 12345, 1_000_000, 999_999 }.Select(NumberText.Words));

    [Fact]
    public async Task A_row_naming_its_action_both_ways_is_sent_by_ActionId_only_when_both_name_it()
    {
        await using var sandbox = await CoreSandbox.StartAsync();
        var (action, other) = (sandbox.Modifiable(), sandbox.Modifiable(skip: 1));
        string Tracker(Sandbox.Data.ActionRecord a) => a.Tracker.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var host = new FakeWriteHost();
        using (var run = new ItemChangeRun(sandbox.Client(), host))
        {
            await run.AddAsync(new ItemChangeInput { Row = 1, ActionId = action.Id, ActionTrackerId = Tracker(action), OrderId = action.Oid, Sku = action.Items[0].Sku, Quantity = "1" }, default);
            await run.AddAsync(new ItemChangeInput { Row = 2, ActionId = action.Id, ActionTrackerId = Tracker(other), OrderId = other.Oid, Sku = action.Items[0].Sku, Quantity = "2" }, default);
            await run.CompleteAsync(default);
        }
        var results = host.Results.ToList();
        Assert.Equal(RowStatus.Queued, results[0].State);
        Assert.Equal((RowStatus.Failed, "ActionId"), (results[1].State, results[1].Field));
        Assert.Contains(other.Oid, results[1].Message);
        Assert.Contains(action.Oid, results[1].Message);
        var payload = Assert.Single(sandbox.Host.Queue.All()).Payload;
        Assert.StartsWith("ActionId=" + action.Id + "&", payload);
        Assert.DoesNotContain("OrderId", payload);
        // One read of the action's record, however many rows name it both ways.
        Assert.Single(sandbox.Host.Requests.Since(0), r => r.PathAndQuery.EndsWith("/Actions/" + action.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_failed_by_an_unknown_Sku_names_that_Sku_on_each_of_its_rows()
    {
        await using var sandbox = await CoreSandbox.StartAsync();
        var action = sandbox.Modifiable();
        var host = new FakeWriteHost();
        using (var run = new ItemChangeRun(sandbox.Client(), host) { Wait = true, FirstPoll = TimeSpan.FromMilliseconds(20) })
        {
            await run.AddAsync(new ItemChangeInput { Row = 1, ActionId = action.Id, Sku = action.Items[0].Sku, Quantity = "1" }, default);
            await run.AddAsync(new ItemChangeInput { Row = 2, ActionId = action.Id, Sku = "NO-SUCH-SKU", Quantity = "1" }, default);
            await run.CompleteAsync(default);
        }
        var results = host.Results.ToList();
        Assert.All(results, r => Assert.Equal((RowStatus.Failed, ErrorKinds.SubmissionFailed.Id, "Sku"), (r.State, r.ErrorId, r.Field)));
        Assert.StartsWith("Sku 'NO-SUCH-SKU' is not an item of action", results[1].Message);
        Assert.Contains("Sku 'NO-SUCH-SKU' (row 2)", results[0].Message);
        Assert.Contains("all or nothing", results[0].Message);
    }

    [Fact]
    public async Task Two_identical_relative_rows_are_both_sent_and_said_to_be_two_changes()
    {
        await using var sandbox = await CoreSandbox.StartAsync();
        var action = sandbox.Modifiable(where: a => a.Items[0].SaleAmount > 5m);
        var host = new FakeWriteHost();
        using (var run = new ItemChangeRun(sandbox.Client(), host))
        {
            for (var row = 1; row <= 2; row++)
                await run.AddAsync(new ItemChangeInput { Row = row, ActionId = action.Id, Sku = action.Items[0].Sku, Quantity = "1", Delta = "-1.00" }, default);
            await run.CompleteAsync(default);
        }
        Assert.All(host.Results, r => Assert.Equal(RowStatus.Queued, r.State));
        Assert.Contains(sandbox.Log.Lines, l => l.StartsWith("WARNING Row 2 repeats the relative change of row 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RESET_with_another_change_is_refused_saying_why()
    {
        await using var sandbox = await CoreSandbox.StartAsync();
        var action = sandbox.Modifiable();
        var result = await new ActionChangeWriter(sandbox.Client(), new FakeWriteHost()).UpdateAsync(
            new ActionChangeInput { Row = 1, ActionId = action.Id, Reason = "RESET", Amount = "10.00" }, default);
        Assert.Equal((RowStatus.Failed, "Reason"), (result.State, result.Field));
        Assert.Contains("takes no other change", result.Message);
        Assert.Equal(0, sandbox.Host.Requests.Count);
        Assert.True(ActionChangeWriter.Reverses(new ActionChangeInput { Amount = "0.00" }));
        Assert.False(ActionChangeWriter.Reverses(new ActionChangeInput { Amount = "0.01" }));
    }

    [Fact]
    public async Task An_action_amount_written_wrongly_is_named_once_and_not_called_missing()
    {
        await using var sandbox = await CoreSandbox.StartAsync();
        var action = sandbox.Modifiable();
        var result = await new ActionChangeWriter(sandbox.Client(), new FakeWriteHost()).UpdateAsync(
            new ActionChangeInput { Row = 1, ActionId = action.Id, Amount = "1,000.00" }, default);
        Assert.Equal((RowStatus.Failed, "Amount"), (result.State, result.Field));
        Assert.Contains("thousands separators", result.Message);
        Assert.DoesNotContain("missing", result.Message);
        Assert.Equal(0, sandbox.Host.Requests.Count);
    }
}
