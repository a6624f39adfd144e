using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace ImpactActions.Loading;

/// <summary>
/// The module's own dependencies: every assembly in its Dependencies folder, by simple name, with the
/// identity its file carries (version, culture, public key token), and every reference those files and the
/// cmdlet assembly make. Read from the files when the module is first imported, so it cannot disagree with
/// what ships.
/// </summary>
internal sealed class DependencyCatalog
{
    private readonly Dictionary<string, Entry> _entries;

    private readonly HashSet<string> _references;

    private DependencyCatalog(string directory, Dictionary<string, Entry> entries, HashSet<string> references)
    {
        Directory = directory;
        _entries = entries;
        _references = references;
    }

    public string Directory { get; }

    public IEnumerable<string> Names => _entries.Keys;

    /// <param name="referencesOf">Reads an assembly file's references; null reads none (the load context needs none).</param>
    public static DependencyCatalog Read(string directory, Func<string, IEnumerable<AssemblyName>>? referencesOf = null, IEnumerable<AssemblyName>? ownReferences = null)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
        var references = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var reference in ownReferences ?? Array.Empty<AssemblyName>()) references.Add(reference.FullName);
        if (System.IO.Directory.Exists(directory))
        {
            foreach (var path in System.IO.Directory.GetFiles(directory, "*.dll"))
            {
                try
                {
                    var name = AssemblyName.GetAssemblyName(path);
                    if (name.Name is { } simple) entries[simple] = new Entry(path, name);
                    if (referencesOf is not null)
                        foreach (var reference in referencesOf(path)) references.Add(reference.FullName);
                }
                catch (Exception e) when (e is BadImageFormatException or IOException or UnauthorizedAccessException)
                {
                    // Not an assembly this runtime can read: nothing to answer with.
                }
            }
        }
        return new DependencyCatalog(directory, entries, references);
    }

    /// <summary>
    /// The module's file for a request, when the module has one of that very identity: the same name, public key
    /// token and culture, at the version asked for or newer (a binding redirect the module carries itself). A
    /// request without a token matches only an unsigned file; one for a culture only a file of that culture.
    /// </summary>
    public string? FileFor(AssemblyName requested)
    {
        if (requested.Name is null || !_entries.TryGetValue(requested.Name, out var entry)) return null;
        if (!SameToken(requested.GetPublicKeyToken(), entry.Name.GetPublicKeyToken())) return null;
        if (!string.Equals(requested.CultureName ?? "", entry.Name.CultureName ?? "", StringComparison.OrdinalIgnoreCase)) return null;
        if (requested.Version is not null && (entry.Name.Version ?? new Version(0, 0)) < requested.Version) return null;
        return entry.Path;
    }

    /// <summary>Whether the module's own assemblies (the cmdlets, or a file in Dependencies/) reference exactly this identity.</summary>
    public bool IsOwnReference(AssemblyName requested) => _references.Contains(requested.FullName);

    /// <summary>Whether an assembly is one of the module's own files in Dependencies/.</summary>
    public bool IsOwnFile(string? location) =>
        !string.IsNullOrEmpty(location) && _entries.TryGetValue(Path.GetFileNameWithoutExtension(location), out var entry)
        && string.Equals(Path.GetFullPath(entry.Path), Path.GetFullPath(location), StringComparison.OrdinalIgnoreCase);

    private static bool SameToken(byte[]? requested, byte[]? own)
    {
        requested ??= Array.Empty<byte>();
        own ??= Array.Empty<byte>();
        if (requested.Length != own.Length) return false;
        for (var i = 0; i < own.Length; i++)
            if (requested[i] != own[i]) return false;
        return true;
    }

    public bool Contains(string name) => _entries.ContainsKey(name);

    private sealed class Entry
    {
        public Entry(string path, AssemblyName name)
        {
            Path = path;
            Name = name;
        }

        public string Path { get; }
        public AssemblyName Name { get; }
    }
}
