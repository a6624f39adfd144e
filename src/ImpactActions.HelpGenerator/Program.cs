using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ImpactActions.HelpGenerator;

// ImpactActions.HelpGenerator --manifest ImpactActions.psd1 --pages docs/cmdlets --about docs/about_ImpactActions.md --out out/module/en-US [--rewrite-syntax]
//
// Imports the built module through the manifest in a PowerShell runspace of this process (so a build needs no pwsh),
// reads every cmdlet's parameter sets as Get-Command shows them, and writes into --out the cmdlet help
// (ImpactActions.dll-Help.xml: syntax and inputs from the compiled cmdlets, the rest from the pages) and the
// about topic (about_ImpactActions.help.txt). --rewrite-syntax first writes each page's ## Syntax block from
// Get-Command (./build.ps1 -Task Help); without it, a page whose block differs is named on the error stream.
var options = Options.Read(args);
if (options is null)
{
    Console.Error.WriteLine("Usage: ImpactActions.HelpGenerator --manifest <ImpactActions.psd1> --pages <docs/cmdlets> --about <about_X.md> --out <en-US folder> [--rewrite-syntax]");
    return 2;
}

var compiled = CompiledModule.Read(options.Manifest).ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
var paths = Directory.GetFiles(options.Pages, "*.md").OrderBy(p => p, StringComparer.Ordinal).ToList();
var pages = new List<(CmdletPage Page, CompiledCmdlet Cmdlet)>();
var problems = new List<string>();
foreach (var path in paths)
{
    var text = File.ReadAllText(path);
    var page = CmdletPage.Parse(text);
    if (!compiled.TryGetValue(page.Name, out var cmdlet))
    {
        problems.Add($"{Path.GetFileName(path)} documents {page.Name}, which the module does not export");
        continue;
    }
    var syntax = cmdlet.ParameterSets.Select(s => s.Syntax).ToList();
    if (!page.Syntax.SequenceEqual(syntax))
    {
        if (options.RewriteSyntax)
        {
            File.WriteAllText(path, CmdletPage.WithSyntax(text, syntax), new UTF8Encoding(false));
            Console.WriteLine($"{path}: ## Syntax rewritten from Get-Command");
            page = CmdletPage.Read(path);
        }
        else Console.Error.WriteLine($"{path}: its ## Syntax is not what Get-Command {page.Name} -Syntax shows; ./build.ps1 -Task Help rewrites it.");
    }
    if (page.Synopsis.Length == 0 || page.Examples.Count < 2) problems.Add($"{page.Name} has no synopsis or fewer than two examples");
    pages.Add((page, cmdlet));
}
problems.AddRange(compiled.Keys.Where(name => pages.All(p => p.Page.Name != name)).Select(name => $"{name} has no page in {options.Pages}"));
if (problems.Count > 0)
{
    Console.Error.WriteLine("The help cannot be generated: " + string.Join("; ", problems) + ".");
    return 1;
}

Directory.CreateDirectory(options.Out);
MamlWriter.Write(pages).Save(Path.Combine(options.Out, "ImpactActions.dll-Help.xml"));
var about = Path.Combine(options.Out, Path.GetFileNameWithoutExtension(options.About) + ".help.txt");
File.WriteAllText(about, AboutTopic.Write(File.ReadAllText(options.About)), new UTF8Encoding(false));
Console.WriteLine($"Help for {pages.Count} cmdlets and {Path.GetFileName(about)} written to {options.Out}");
return 0;

internal sealed record Options(string Manifest, string Pages, string About, string Out, bool RewriteSyntax)
{
    public static Options? Read(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var rewrite = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--rewrite-syntax") rewrite = true;
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length) values[args[i]] = args[++i];
            else return null;
        }
        return values.TryGetValue("--manifest", out var manifest) && values.TryGetValue("--pages", out var pages)
               && values.TryGetValue("--about", out var about) && values.TryGetValue("--out", out var output)
            ? new Options(manifest, pages, about, output, rewrite)
            : null;
    }
}
