using System;
using System.IO;
using System.Linq;
using ImpactActions.HelpGenerator;

// ImpactActions.HelpGenerator <docs/cmdlets folder> <output ImpactActions.dll-Help.xml>
if (args.Length != 2)
{
    Console.Error.WriteLine("Usage: ImpactActions.HelpGenerator <docs/cmdlets folder> <output help file>");
    return 2;
}
var pages = Directory.GetFiles(args[0], "*.md").OrderBy(p => p, StringComparer.Ordinal).Select(CmdletPage.Read).ToList();
var broken = pages.Where(p => p.Synopsis.Length == 0 || p.Examples.Count < 2).Select(p => p.Name).ToList();
if (broken.Count > 0)
{
    Console.Error.WriteLine("Pages without a synopsis or two examples: " + string.Join(", ", broken));
    return 1;
}
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[1]))!);
MamlWriter.Write(pages).Save(args[1]);
Console.WriteLine($"Help for {pages.Count} cmdlets written to {args[1]}");
return 0;
