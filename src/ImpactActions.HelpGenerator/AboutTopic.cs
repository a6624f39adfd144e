using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace ImpactActions.HelpGenerator;

/// <summary>
/// An about_ topic from its Markdown source, as the plain text Get-Help shows: `# about_X` is the TOPIC, each `##`
/// section a heading in capitals, `###` a sub-heading, paragraphs and lists wrapped at 80 columns, code as written.
/// </summary>
public static class AboutTopic
{
    private const int Width = 80;

    public static string Write(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var text = new StringBuilder();
        var paragraph = new List<string>();
        var last = Block.None;
        // A blank line between blocks, none after a heading and none between the items of one list.
        void Begin(Block block)
        {
            if (last != Block.None && last != Block.Heading && !(last == Block.ListItem && block == Block.ListItem)) text.Append('\n');
            last = block;
        }
        void Flush()
        {
            if (paragraph.Count == 0) return;
            var joined = CmdletPage.Plain(Links(string.Join(" ", paragraph.Select(l => l.Trim()))));
            var list = joined.StartsWith("- ", StringComparison.Ordinal);
            Begin(list ? Block.ListItem : Block.Paragraph);
            Wrap(text, list ? joined.Substring(2) : joined, list ? "    - " : "    ", list ? "      " : "    ");
            paragraph.Clear();
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                Flush();
                Begin(Block.Code);
                for (i++; i < lines.Length && !lines[i].StartsWith("```", StringComparison.Ordinal); i++)
                    text.Append(lines[i].Length == 0 ? "" : "        " + lines[i]).Append('\n');
            }
            else if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                Flush();
                Begin(Block.Heading);
                text.Append("TOPIC\n    ").Append(line.Substring(2).Trim()).Append('\n');
                last = Block.Paragraph;
            }
            else if (line.StartsWith("## ", StringComparison.Ordinal) || line.StartsWith("### ", StringComparison.Ordinal))
            {
                Flush();
                Begin(Block.Heading);
                var sub = line.StartsWith("### ", StringComparison.Ordinal);
                var heading = CmdletPage.Plain(line.Substring(sub ? 4 : 3).Trim());
                text.Append(sub ? "  " + heading : heading.ToUpperInvariant()).Append('\n');
            }
            else if (line.Trim().Length == 0) Flush();
            else
            {
                // A list item starts a paragraph of its own.
                if (line.StartsWith("- ", StringComparison.Ordinal)) Flush();
                paragraph.Add(line);
            }
        }
        Flush();
        return text.ToString();
    }

    private enum Block { None, Heading, Paragraph, ListItem, Code }

    /// <summary>A Markdown link as its text and, when it points somewhere other than its text, the address in parentheses.</summary>
    private static string Links(string text) =>
        Regex.Replace(text, @"\[(?<text>[^\]]+)\]\((?<target>[^)]+)\)", m => m.Groups["text"].Value.Trim('`') == m.Groups["target"].Value
            ? m.Groups["text"].Value
            : $"{m.Groups["text"].Value} ({m.Groups["target"].Value})");

    private static void Wrap(StringBuilder text, string words, string first, string rest)
    {
        var line = new StringBuilder(first);
        var empty = true;
        foreach (var word in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!empty && line.Length + 1 + word.Length > Width)
            {
                text.Append(line).Append('\n');
                line.Clear().Append(rest);
                empty = true;
            }
            if (!empty) line.Append(' ');
            line.Append(word);
            empty = false;
        }
        text.Append(line).Append('\n');
    }
}
