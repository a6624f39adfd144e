using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace ImpactActions.Loading;

/// <summary>
/// The module's own dependencies: every assembly in its Dependencies folder, by simple name, with the
/// version its file carries. Read from the files when the module is first imported, so it cannot
/// disagree with what ships.
/// </summary>
internal sealed class DependencyCatalog
{
    private readonly Dictionary<string, Entry> _entries;

    private DependencyCatalog(string directory, Dictionary<string, Entry> entries)
    {
        Directory = directory;
        _entries = entries;
    }

    public string Directory { get; }

    public IEnumerable<string> Names => _entries.Keys;

    public static DependencyCatalog Read(string directory)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
        if (System.IO.Directory.Exists(directory))
        {
            foreach (var path in System.IO.Directory.GetFiles(directory, "*.dll"))
            {
                try
                {
                    var name = AssemblyName.GetAssemblyName(path);
                    if (name.Name is { } simple) entries[simple] = new Entry(path, name.Version ?? new Version(0, 0));
                }
                catch (Exception e) when (e is BadImageFormatException or IOException or UnauthorizedAccessException)
                {
                    // Not an assembly this runtime can read: nothing to answer with.
                }
            }
        }
        return new DependencyCatalog(directory, entries);
    }

    /// <summary>The module's file for a request, when the module has one at the version asked for or newer.</summary>
    public string? FileFor(AssemblyName requested)
    {
        if (requested.Name is null || !_entries.TryGetValue(requested.Name, out var entry)) return null;
        return requested.Version is null || entry.Version >= requested.Version ? entry.Path : null;
    }

    public bool Contains(string name) => _entries.ContainsKey(name);

    private sealed class Entry
    {
        public Entry(string path, Version version)
        {
            Path = path;
            Version = version;
        }

        public string Path { get; }
        public Version Version { get; }
    }
}
