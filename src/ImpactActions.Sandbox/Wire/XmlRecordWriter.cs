using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;

namespace ImpactActions.Sandbox.Wire;

/// <summary>
/// The API's answer for a client that did not ask for JSON: an <c>ImpactRadiusResponse</c> document.
/// Buffered, since only a mistaken client ever reads it.
/// </summary>
public sealed class XmlRecordWriter : IRecordWriter
{
    private readonly Stream _destination;
    private readonly CancellationToken _cancellation;
    private readonly MemoryStream _buffer = new();
    private readonly XmlWriter _xml;
    private readonly Stack<Frame> _frames = new();

    public XmlRecordWriter(Stream destination, CancellationToken cancellation)
    {
        _destination = destination;
        _cancellation = cancellation;
        _xml = XmlWriter.Create(_buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false });
    }

    public void StartObject(string? name = null)
    {
        if (_frames.Count == 0)
        {
            _xml.WriteStartElement("ImpactRadiusResponse");
            if (name is not null) _xml.WriteStartElement(name);
            _frames.Push(new Frame(ArrayElementName: null, ElementsToClose: name is null ? 1 : 2));
            return;
        }
        _xml.WriteStartElement(_frames.Peek().ArrayElementName ?? name ?? "Item");
        _frames.Push(new Frame(ArrayElementName: null, ElementsToClose: 1));
    }

    public void EndObject()
    {
        var frame = _frames.Pop();
        for (var i = 0; i < frame.ElementsToClose; i++) _xml.WriteEndElement();
    }

    public void StartArray(string name, string elementName)
    {
        _xml.WriteStartElement(name);
        _frames.Push(new Frame(elementName, ElementsToClose: 1));
    }

    public void EndArray() => EndObject();

    public void String(string name, string? value)
    {
        if (name.StartsWith('@')) _xml.WriteAttributeString(name[1..], value ?? "");
        else _xml.WriteElementString(name, value ?? "");
    }

    public void Money(string name, decimal value) => String(name, WireText.Money(value));

    public void Integer(string name, long value) => String(name, WireText.Integer(value));

    public void Date(string name, DateTimeOffset? value) => String(name, WireText.Date(value));

    public ValueTask FlushIfFullAsync() => default;

    public async ValueTask CompleteAsync()
    {
        _xml.Flush();
        _buffer.Position = 0;
        await _buffer.CopyToAsync(_destination, _cancellation);
    }

    public void Dispose()
    {
        _xml.Dispose();
        _buffer.Dispose();
    }

    private sealed record Frame(string? ArrayElementName, int ElementsToClose);
}
