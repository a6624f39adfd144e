using System;

namespace ImpactActions.Core.Paging;

/// <summary>An inclusive range of whole seconds, as one API request can take it.</summary>
public readonly struct DateWindow : IEquatable<DateWindow>
{
    public DateWindow(DateTimeOffset start, DateTimeOffset end)
    {
        Start = start;
        End = end;
    }

    public DateTimeOffset Start { get; }
    public DateTimeOffset End { get; }

    public TimeSpan Length => End - Start;

    /// <summary>Below this a window is not halved again: a refusal that persists that far is not about size.</summary>
    public static readonly TimeSpan SmallestHalvable = TimeSpan.FromMinutes(2);

    /// <summary>Two windows that together cover this one exactly, with no second in both and none missed.</summary>
    public (DateWindow First, DateWindow Second)? Halve()
    {
        if (Length < SmallestHalvable) return null;
        var seconds = (long)Length.TotalSeconds;
        var middle = Start.AddSeconds(seconds / 2);
        return (new DateWindow(Start, middle), new DateWindow(middle.AddSeconds(1), End));
    }

    public bool Equals(DateWindow other) => Start == other.Start && End == other.End;

    public override bool Equals(object? obj) => obj is DateWindow other && Equals(other);

    public override int GetHashCode() => Start.GetHashCode() * 31 + End.GetHashCode();

    public static bool operator ==(DateWindow left, DateWindow right) => left.Equals(right);

    public static bool operator !=(DateWindow left, DateWindow right) => !left.Equals(right);

    public override string ToString() => $"{Start:yyyy-MM-ddTHH:mm:ssZ}..{End:yyyy-MM-ddTHH:mm:ssZ}";
}
