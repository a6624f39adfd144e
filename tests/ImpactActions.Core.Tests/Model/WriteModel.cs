using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ImpactActions.Core.Errors;
using ImpactActions.Core.Writing;

namespace ImpactActions.Core.Tests.Model;

/// <summary>What a row did, as its reports tell it.</summary>
public enum Fate
{
    /// <summary>No effect: Failed, NotSent, refused, a processing failure, or never sent.</summary>
    None,

    /// <summary>Its change was applied exactly once.</summary>
    Applied,

    /// <summary>No definite answer was had (OutcomeUnknown, or no result because the run crashed): applied once or not at all.</summary>
    Maybe,
}

/// <summary>
/// The write contract as a model: from what each row was reported as (and, for a Queued row, what its
/// submission became), the items every run should have left, and the rules each report must obey. It
/// knows the API's effects as the pages and the sandbox describe them, and nothing of Core's code.
/// </summary>
public static class WriteModel
{
    /// <summary>Throws, explaining, when the outcome breaks the contract.</summary>
    public static void Check(WriteScenario scenario, ScenarioOutcome outcome)
    {
        var problems = new List<string>();
        var fates = new List<Fate[]>();
        for (var r = 0; r < outcome.Runs.Count; r++)
            fates.Add(RunFates(outcome, r, fates, problems));

        for (var a = 0; a < outcome.Actions.Count; a++)
            for (var i = 0; i < outcome.Actions[a].Items.Count; i++)
                CheckItem(scenario, outcome, fates, a, i, problems);

        if (problems.Count > 0)
            throw new Xunit.Sdk.XunitException("The write contract was broken:\n  " + string.Join("\n  ", problems) + "\nReported:\n" + Reports(outcome)
                                               + "\nJournal:\n" + outcome.JournalText);
    }

    private static Fate[] RunFates(ScenarioOutcome outcome, int r, List<Fate[]> earlier, List<string> problems)
    {
        var run = outcome.Runs[r];
        var rows = run.Spec.Rows;
        var fates = new Fate[rows.Count];
        var results = run.Results;
        // One result per row, in input order; a crashed or stopped run's results are a prefix.
        for (var k = 0; k < results.Count; k++)
            if (results[k].Row != k + 1) problems.Add($"run {r + 1}: result {k + 1} is for row {results[k].Row}: results are not in input order");
        if (!run.Crashed && !run.Stopped && results.Count != rows.Count) problems.Add($"run {r + 1}: {results.Count} results for {rows.Count} rows");
        // A stop is a row's error record, after that row's result: without -Wait the last result, with -Wait after every
        // result of the rows waited for, since those were all sent already.
        if (run.Stopped && (run.StoppedBy is not { } by || !IsError(by) || !results.Contains(by)))
            problems.Add($"run {r + 1} stopped at {run.StoppedBy?.ToString() ?? "no row"}, which is no error among its results");
        // Without -Wait, only rows sent in the same request as it (its action's) may have their results after it: they
        // were sent, and their results come out before the request's errors.
        else if (run.Stopped && !run.Spec.Wait && results.SkipWhile(x => !Equals(x, run.StoppedBy)).Skip(1)
                     .Any(x => rows[(int)x.Row - 1].Action != rows[(int)run.StoppedBy!.Row - 1].Action))
            problems.Add($"run {r + 1} stopped at {run.StoppedBy}, yet rows of other actions after it have results");

        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < rows.Count; j++)
        {
            var spec = rows[j];
            var result = j < results.Count ? results[j] : null;
            if (spec.Invalid && result is not null && (result.State, result.ErrorId) != (RowStatus.Failed, ErrorKinds.InvalidRow.Id))
                problems.Add($"run {r + 1} row {j + 1} ({spec}) is invalid but was reported {result.Status} {result.ErrorId}");
            if (!spec.Invalid && result?.ErrorId == ErrorKinds.InvalidRow.Id && !result.Message!.Contains("QuantityChange", StringComparison.Ordinal))
                problems.Add($"run {r + 1} row {j + 1} ({spec}) is valid but was refused: {result.Message}");
            if (result?.State == RowStatus.Applied && !run.Spec.Wait) problems.Add($"run {r + 1} row {j + 1} reported Applied without -Wait");
            if (result?.State == RowStatus.Skipped && !run.Spec.Journal) problems.Add($"run {r + 1} row {j + 1} reported Skipped without a journal");

            fates[j] = result is null
                // A stopped run sent nothing after its failing row, and every row it sent has a result (rule 4).
                ? run.Crashed ? Fate.Maybe : run.Stopped ? Fate.None : Unexplained(problems, r, j)
                : result.State switch
                {
                    RowStatus.Applied => Fate.Applied,
                    RowStatus.Queued => result.BatchId is { } id && outcome.SubmissionApplied.TryGetValue(id, out var applied)
                        ? applied ? Fate.Applied : Fate.None
                        : Missing(problems, r, j, result),
                    RowStatus.OutcomeUnknown => Fate.Maybe,
                    _ => Fate.None,
                };
            if (result?.State == RowStatus.Applied && result.BatchId is { } appliedId && outcome.SubmissionApplied.TryGetValue(appliedId, out var ok) && !ok)
                problems.Add($"run {r + 1} row {j + 1} reported Applied, but its submission {appliedId} failed");

            if (spec.Invalid) continue;
            var content = Key(spec, outcome.Actions);
            var key = content + "#" + (occurrences[content] = occurrences.TryGetValue(content, out var n) ? n + 1 : 1);
            if (result?.State != RowStatus.Skipped) continue;
            // A skipped row's change is an earlier run's same row (same content, same occurrence): where that one had
            // no definite answer, this settles it.
            // By content first, as the journal looks first; then, for a Delta or QuantityChange, by what it asks for,
            // whichever way it names its action.
            var effect = Effect(spec, outcome.Actions);
            var settled = false;
            foreach (var byEffect in new[] { false, true })
            {
                if (settled || (byEffect && effect is null)) break;
                for (var e = r - 1; e >= 0 && !settled; e--)
                {
                    if (!outcome.Runs[e].Spec.Journal) continue;
                    var at = byEffect
                        ? outcome.Runs[e].Spec.Rows.ToList().FindIndex(row => !row.Invalid && Effect(row, outcome.Actions) == effect)
                        : RowWithKey(outcome.Runs[e].Spec.Rows, key, outcome.Actions);
                    if (at < 0) continue;
                    var before = at < outcome.Runs[e].Results.Count ? outcome.Runs[e].Results[at] : null;
                    // Refused, not sent, or failed while processing (after a wait) then: the journal says so, and does not skip it for that.
                    if (before is not null && before.State is RowStatus.Failed or RowStatus.NotSent) continue;
                    if (earlier[e][at] == Fate.Maybe)
                        earlier[e][at] = result.BatchId is { } id && outcome.SubmissionApplied.TryGetValue(id, out var done) && done ? Fate.Applied : Fate.None;
                    settled = true;
                }
            }
            if (!settled) problems.Add($"run {r + 1} row {j + 1} ({spec}) was Skipped as {result.BatchId}, but no earlier run's same row was accepted");
        }
        return fates;
    }

    private static Fate Unexplained(List<string> problems, int r, int j)
    {
        problems.Add($"run {r + 1} row {j + 1} got no result, though the run neither crashed nor stopped");
        return Fate.None;
    }

    private static Fate Missing(List<string> problems, int r, int j, RowResult result)
    {
        problems.Add($"run {r + 1} row {j + 1} reported Queued as {result.BatchId}, which the API does not have");
        return Fate.None;
    }

    private static bool IsError(RowResult result) => result.ErrorId is not null || result.State is RowStatus.Failed or RowStatus.OutcomeUnknown;

    /// <summary>What a journal recognises a row by: its content as the user gave it (two rows may read the same).</summary>
    private static string Key(RowSpec row, IReadOnlyList<ModelAction> actions)
    {
        var input = WriteScenario.Input(row, actions[row.Action]);
        return string.Join("|", input.ActionId, input.ActionTrackerId, input.OrderId, input.Sku, input.Quantity, input.QuantityChange, input.Amount, input.Delta, input.Category);
    }

    /// <summary>What a relative row asks for, its action by index rather than by the names it gives; null for other rows.</summary>
    private static string? Effect(RowSpec row, IReadOnlyList<ModelAction> actions)
    {
        var input = WriteScenario.Input(row, actions[row.Action]);
        if (string.IsNullOrEmpty(input.Delta) && string.IsNullOrEmpty(input.QuantityChange)) return null;
        static string? Value(string? text) =>
            decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) : text;
        return string.Join("|", row.Action, input.Sku, input.Quantity, Value(input.QuantityChange), Value(input.Amount), Value(input.Delta), input.Category);
    }

    private static int RowWithKey(IReadOnlyList<RowSpec> rows, string key, IReadOnlyList<ModelAction> actions)
    {
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < rows.Count; j++)
        {
            if (rows[j].Invalid) continue;
            var k = Key(rows[j], actions);
            occurrences[k] = occurrences.TryGetValue(k, out var n) ? n + 1 : 1;
            if (k + "#" + occurrences[k] == key) return j;
        }
        return -1;
    }

    /// <summary>The item must be what the applied rows make of it, in input order, with some choice of the undecided ones.</summary>
    private static void CheckItem(WriteScenario scenario, ScenarioOutcome outcome, List<Fate[]> fates, int a, int i, List<string> problems)
    {
        var effects = new List<(RowSpec Row, Fate Fate, string Where)>();
        for (var r = 0; r < outcome.Runs.Count; r++)
            for (var j = 0; j < outcome.Runs[r].Spec.Rows.Count; j++)
            {
                var row = outcome.Runs[r].Spec.Rows[j];
                if (row.Action == a && row.Item == i && !row.Invalid && fates[r][j] != Fate.None) effects.Add((row, fates[r][j], $"run {r + 1} row {j + 1}"));
            }
        var maybes = effects.Count(e => e.Fate == Fate.Maybe);
        var actual = outcome.Final[(a, i)];
        var start = outcome.Actions[a].Items[i];
        if (maybes > 12) return; // 4,096 orders are enough; a case with more says nothing the smaller ones do not
        var candidates = new List<ModelItem>();
        for (var choice = 0; choice < 1 << maybes; choice++)
        {
            var item = start;
            var m = 0;
            foreach (var effect in effects)
                if (effect.Fate == Fate.Applied || (choice & (1 << m++)) != 0)
                    item = Apply(item, effect.Row);
            candidates.Add(item);
            if (Same(item, actual)) break;
        }
        if (!candidates.Any(c => Same(c, actual)))
            problems.Add($"action {a} item {i}: the sandbox holds {actual}, but from {start} the reported rows ({string.Join(", ", effects.Select(e => $"{e.Where} {e.Row} {e.Fate}"))}) give "
                         + string.Join(" or ", candidates.Distinct().Take(6)));

        var deltaRows = effects.Where(e => e.Row.Kind is RowKind.Delta or RowKind.QuantityAndDelta).ToList();
        var deltas = outcome.DeltasApplied[(a, i)];
        if (deltas < deltaRows.Count(e => e.Fate == Fate.Applied) || deltas > deltaRows.Count)
            problems.Add($"action {a} item {i}: the ledger applied {deltas} deltas, where the reports allow {deltaRows.Count(e => e.Fate == Fate.Applied)} to {deltaRows.Count}");
    }

    private static bool Same(ModelItem a, ModelItem b) => (a.Quantity, a.SaleAmount, a.Category) == (b.Quantity, b.SaleAmount, b.Category);

    /// <summary>What the API does to an item ([ITEM-PUT]; the sandbox's reading): an absolute or worked-out Quantity, keeping the unit price; an Amount; a delta of the amount.</summary>
    public static ModelItem Apply(ModelItem item, RowSpec row)
    {
        var quantity = row.Kind switch
        {
            RowKind.Quantity => row.Value,
            RowKind.QuantityAndDelta => row.Value % 3 + 1,
            RowKind.QuantityChange => item.Quantity + row.Value,
            _ => item.Quantity,
        };
        var sale = row.Kind switch
        {
            RowKind.Amount => row.Money + 1m,
            RowKind.Delta => item.SaleAmount + (row.Value % 2 == 0 ? -row.Money - 0.5m : row.Money),
            RowKind.QuantityAndDelta => item.SaleAmount - 0.75m,
            _ => quantity != item.Quantity ? item.UnitPrice * quantity : item.SaleAmount,
        };
        return item with { Quantity = quantity, SaleAmount = sale, Category = row.Kind == RowKind.Category ? "Model-" + row.Value : item.Category };
    }

    private static string Reports(ScenarioOutcome outcome)
    {
        var text = new StringBuilder();
        for (var r = 0; r < outcome.Runs.Count; r++)
        {
            var run = outcome.Runs[r];
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  run {r + 1}{(run.Crashed ? " (crashed)" : "")}{(run.Stopped ? " (stopped)" : "")}:\n");
            foreach (var result in run.Results) text.Append(System.Globalization.CultureInfo.InvariantCulture, $"    row {result.Row}: {result.Status} {result.BatchId} {result.ErrorId} {result.Message}\n");
        }
        return text.ToString();
    }
}
