using System;
using System.Threading.Tasks;

namespace ImpactActions.Sandbox.Wire;

/// <summary>
/// Writes an answer once for both wire formats. Names starting with '@' are paging keys:
/// JSON properties, XML attributes of the enclosing element.
/// </summary>
public interface IRecordWriter : IDisposable
{
    /// <summary>Starts an object: the answer itself when <paramref name="name"/> is null at the top, a named member, or an array element.</summary>
    void StartObject(string? name = null);

    void EndObject();

    void StartArray(string name, string elementName);

    void EndArray();

    void String(string name, string? value);

    /// <summary>A money or rate value, written with two decimals.</summary>
    void Money(string name, decimal value);

    void Integer(string name, long value);

    /// <summary>ISO 8601 with the record's offset, or "" when there is none.</summary>
    void Date(string name, DateTimeOffset? value);

    /// <summary>Lets a long answer reach the network as it is written, with backpressure.</summary>
    ValueTask FlushIfFullAsync();

    ValueTask CompleteAsync();
}
