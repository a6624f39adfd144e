using System;
using System.IO;
using System.Collections.Generic;
using System.Linq;

namespace ImpactActions.Cmdlets.Tests;

/// <summary>The sample CSV users copy binds, column by column, to Set-ImpactActionItem's parameters.</summary>
public sealed class SampleCsvTests : IClassFixture<ModuleMetadata>
{
    private readonly ModuleMetadata _module;

    public SampleCsvTests(ModuleMetadata module) => _module = module;

    [Fact]
    public void Every_column_of_the_sample_names_a_parameter_that_binds_by_property_name()
    {
        var header = File.ReadLines(Path.Combine(_module.RepositoryRoot, "docs", "samples", "corrections.csv")).First().Split(',');
        var cmdlet = _module.Cmdlet("Set-ImpactActionItem");
        var byName = cmdlet.Parameters.Where(p => p.FromPipelineByPropertyName)
            .SelectMany(p => p.Aliases.Append(p.Name).Select(n => (Column: n, Parameter: p.Name)))
            .ToDictionary(x => x.Column, x => x.Parameter, StringComparer.OrdinalIgnoreCase);
        foreach (var column in header)
            Assert.True(byName.ContainsKey(column), $"column '{column}' binds to no parameter of Set-ImpactActionItem");
        // Every column the format documents is in the sample, so the sample shows them all.
        var documented = File.ReadAllText(Path.Combine(_module.RepositoryRoot, "docs", "csv-format.md"));
        foreach (var column in header) Assert.Contains($"`{column}`", documented);
        Assert.Equal(header.Length, header.Select(c => byName[c]).Distinct().Count());
    }
}
