using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace ImpactActions.TestProxy;

/// <summary>A request line and headers, read up to the blank line; what came after it starts the body.</summary>
internal sealed class RequestHead
{
    private byte[] _leftover = Array.Empty<byte>();

    public string Method { get; private set; } = "";
    public string Target { get; private set; } = "";
    public List<KeyValuePair<string, string>> Headers { get; } = new();

    public string? Header(string name) => Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public static async Task<RequestHead?> ReadAsync(Stream stream)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        int end;
        while ((end = HeadEnd(received)) < 0)
        {
            var read = await stream.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false);
            if (read == 0) return null;
            received.AddRange(buffer.Take(read));
            if (received.Count > 64 * 1024) throw new InvalidDataException("Request head too long.");
        }
        var lines = Encoding.ASCII.GetString(received.Take(end).ToArray()).Split(new[] { "\r\n" }, StringSplitOptions.None);
        var parts = lines[0].Split(' ');
        if (parts.Length < 3) throw new InvalidDataException("Bad request line.");
        var head = new RequestHead { Method = parts[0], Target = parts[1], _leftover = received.Skip(end + 4).ToArray() };
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) head.Headers.Add(new KeyValuePair<string, string>(line.Substring(0, colon).Trim(), line.Substring(colon + 1).Trim()));
        }
        return head;
    }

    /// <summary>The body by Content-Length (the clients under test send no chunked bodies).</summary>
    public async Task<byte[]> ReadBodyAsync(Stream stream)
    {
        var length = int.TryParse(Header("Content-Length"), out var l) ? l : 0;
        var body = new byte[length];
        var have = Math.Min(length, _leftover.Length);
        Array.Copy(_leftover, body, have);
        while (have < length)
        {
            var read = await stream.ReadAsync(body, have, length - have).ConfigureAwait(false);
            if (read == 0) throw new IOException("The body broke off.");
            have += read;
        }
        return body;
    }

    private static int HeadEnd(List<byte> bytes)
    {
        for (var i = 0; i + 3 < bytes.Count; i++)
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') return i;
        return -1;
    }
}
