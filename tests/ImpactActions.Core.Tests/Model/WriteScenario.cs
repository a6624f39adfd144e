using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CsCheck;

namespace ImpactActions.Core.Tests.Model;

public enum RowKind
{
    /// <summary>An absolute quantity.</summary>
    Quantity,

    /// <summary>A change of the current quantity: computed by the module.</summary>
    QuantityChange,

    /// <summary>An absolute amount; the quantity is filled in from the item.</summary>
    Amount,

    /// <summary>A relative amount; the quantity is filled in from the item.</summary>
    Delta,

    /// <summary>An absolute quantity with a relative amount: relative, but nothing to compute.</summary>
    QuantityAndDelta,

    /// <summary>A text change; the quantity is filled in from the item.</summary>
    Category,
}

/// <summary>One generated row: which action (named by ActionId, or by tracker and order), which item (-1: a Sku the action lacks), what change.</summary>
public sealed record RowSpec(int Action, bool ByOrder, int Item, RowKind Kind, int Value, bool Malformed)
{
    public bool NeedsQuantity => Kind is RowKind.QuantityChange or RowKind.Amount or RowKind.Delta or RowKind.Category;

    public bool IsRelative => Kind is RowKind.QuantityChange or RowKind.Delta or RowKind.QuantityAndDelta;

    /// <summary>What Core must refuse before sending: a malformed number, or a quantity to work out for an action named by tracker and order.</summary>
    public bool Invalid => Malformed || (ByOrder && NeedsQuantity);

    public decimal Money => Value * 1.25m;

    public override string ToString() =>
        $"a{Action}{(ByOrder ? "(t/o)" : "")}.{(Item < 0 ? "unknown" : "i" + Item)} {Kind} {Value}{(Malformed ? " malformed" : "")}";
}

/// <summary>One run: its rows and how it is run (session, journal, -Wait, -ErrorAction Stop), the faults and delays it meets, and where it crashes.</summary>
public sealed record RunSpec(
    IReadOnlyList<RowSpec> Rows, bool Wait, bool Stop, bool Journal, bool NewSession, bool Reconnect, bool ResendUnknown,
    int CrashAtWrite, bool CutLine, int FaultPercent, int FaultSeed, int DelayMs, int MaxItemsPerRequest)
{
    public override string ToString() =>
        $"run({(Wait ? "wait " : "")}{(Stop ? "stop " : "")}{(Journal ? "journal " : "")}{(NewSession ? "new-session " : "")}{(Reconnect ? "reconnect " : "")}{(ResendUnknown ? "resend " : "")}"
        + $"{(CrashAtWrite > 0 ? $"crash@{CrashAtWrite}{(CutLine ? "+cut" : "")} " : "")}faults {FaultPercent}%/{FaultSeed} delay {DelayMs}ms items/req {MaxItemsPerRequest}): "
        + string.Join("; ", Rows);
}

/// <summary>A sequence of runs over a few actions and items of one account.</summary>
public sealed record WriteScenario(IReadOnlyList<RunSpec> Runs, bool SubmissionList)
{
    public const int Actions = 3;
    public const int ItemsPerAction = 2;

    public override string ToString() => $"list {(SubmissionList ? "on" : "off")}\n  " + string.Join("\n  ", Runs);

    private static readonly Gen<RowSpec> Row =
        Gen.Select(Gen.Int[0, Actions - 1], Gen.Int[0, 9], Gen.Int[-1, ItemsPerAction - 1], Gen.Enum<RowKind>(), Gen.Int[0, 4], Gen.Int[0, 19],
            (action, byOrder, item, kind, value, malformed) =>
            {
                // A Sku the action lacks one time in twelve; tracker and order one time in four.
                var sku = item < 0 && value % 3 != 0 ? 0 : item;
                return new RowSpec(action, byOrder < 3, sku, kind, kind == RowKind.QuantityChange ? (value % 2 == 0 ? -1 : 1 + value / 2) : value, malformed == 0);
            });

    private static readonly Gen<RunSpec> Run =
        Gen.Select(Row.List[1, 7], Gen.Int[0, 127], Gen.Int[0, 3], Gen.Int[0, 20], Gen.Int[0, 9], Gen.Int[0, 150], Gen.Int[1, 3],
            (rows, flags, crash, faults, seed, delay, perRequest) => new RunSpec(
                rows, Wait: (flags & 1) != 0, Stop: (flags & 2) != 0 && (flags & 4) != 0, Journal: (flags & 8) != 0, NewSession: (flags & 16) != 0, Reconnect: (flags & 64) != 0 && (flags & 16) == 0,
                ResendUnknown: (flags & 32) != 0 && (flags & 4) == 0, CrashAtWrite: crash == 3 ? 1 + seed % 3 : 0, CutLine: seed % 2 == 0,
                FaultPercent: faults > 14 ? 0 : faults, FaultSeed: seed, DelayMs: delay, MaxItemsPerRequest: perRequest == 3 ? 100 : perRequest));

    public static readonly Gen<WriteScenario> Generator =
        Gen.Select(Run.List[1, 4], Gen.Int[0, 3], (runs, list) => new WriteScenario(runs, SubmissionList: list != 0));

    /// <summary>The row as Import-Csv would give it: text.</summary>
    public static Validation.ItemChangeInput Input(RowSpec row, ModelAction action)
    {
        var sku = row.Item < 0 ? "NO-SUCH-SKU" : action.Items[row.Item].Sku;
        var input = new Validation.ItemChangeInput { Sku = sku };
        if (row.ByOrder)
        {
            input.ActionTrackerId = action.TrackerId.ToString(CultureInfo.InvariantCulture);
            input.OrderId = action.Oid;
        }
        else input.ActionId = action.Id;
        string Money(decimal m) => m.ToString("0.00", CultureInfo.InvariantCulture);
        switch (row.Kind)
        {
            case RowKind.Quantity: input.Quantity = row.Value.ToString(CultureInfo.InvariantCulture); break;
            case RowKind.QuantityChange: input.QuantityChange = row.Value.ToString("+0;-0", CultureInfo.InvariantCulture); break;
            case RowKind.Amount: input.Amount = Money(row.Money + 1m); break;
            case RowKind.Delta: input.Delta = Money(row.Value % 2 == 0 ? -row.Money - 0.5m : row.Money); break;
            case RowKind.QuantityAndDelta:
                input.Quantity = (row.Value % 3 + 1).ToString(CultureInfo.InvariantCulture);
                input.Delta = Money(-0.75m);
                break;
            case RowKind.Category: input.Category = "Model-" + row.Value.ToString(CultureInfo.InvariantCulture); break;
        }
        if (row.Malformed) input.Quantity = "1,5";
        return input;
    }
}

/// <summary>An action the model works on, as it was before the first run.</summary>
public sealed record ModelAction(string Id, int TrackerId, string Oid, IReadOnlyList<ModelItem> Items);

/// <summary>An item's state as far as the model follows it.</summary>
public sealed record ModelItem(string Sku, int Quantity, decimal UnitPrice, decimal SaleAmount, string Category)
{
    public override string ToString() => $"{Sku}: x{Quantity} {SaleAmount} '{Category}'";
}
