using System.Text;
using System.Text.RegularExpressions;

namespace MediBloc.Sdk.Tests.Docs;

/// <summary>
/// Every C# block in a README is a copy of a <c>#region Snippet:Name</c> in compiled code (a test or a sample),
/// marked in the README with <c>&lt;!-- snippet: Name --&gt;</c> on the line before the block. A block that
/// drifts from its region, or a C# block without a marker, fails here. Run with MEDIBLOC_UPDATE_SNIPPETS=1 to
/// rewrite the README blocks from the regions.
/// </summary>
public sealed partial class ReadmeSnippetTests
{
    public static TheoryData<string> Readmes()
    {
        var data = new TheoryData<string>();
        var root = RepoRoot();
        foreach (var path in new[] { Path.Combine(root, "README.md") }
                     .Concat(Directory.EnumerateFiles(Path.Combine(root, "src"), "README.md", SearchOption.AllDirectories))
                     .Where(File.Exists)
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, path));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Readmes))]
    public void Csharp_blocks_match_their_compiled_snippet(string readme)
    {
        var root = RepoRoot();
        var path = Path.Combine(root, readme);
        var regions = Regions(root);
        var lines = File.ReadAllLines(path);
        var problems = new List<string>();
        var output = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            output.Add(line);
            if (!line.TrimStart().StartsWith("```csharp", StringComparison.Ordinal) && !line.TrimStart().StartsWith("```cs", StringComparison.Ordinal))
            {
                continue;
            }
            var marker = i > 0 ? SnippetMarker().Match(lines[i - 1]) : Match.Empty;
            var end = Array.FindIndex(lines, i + 1, l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
            if (end < 0)
            {
                problems.Add($"{readme}:{i + 1}: unterminated code block");
                break;
            }
            if (!marker.Success)
            {
                problems.Add($"{readme}:{i + 1}: C# block without a '<!-- snippet: Name -->' marker on the line before");
                output.AddRange(lines[(i + 1)..(end + 1)]);
                i = end;
                continue;
            }
            var name = marker.Groups[1].Value;
            if (!regions.TryGetValue(name, out var expected))
            {
                problems.Add($"{readme}:{i + 1}: no '#region Snippet:{name}' in src, samples or tests");
                output.AddRange(lines[(i + 1)..(end + 1)]);
                i = end;
                continue;
            }
            var actual = string.Join("\n", lines[(i + 1)..end]);
            if (actual != expected)
            {
                problems.Add($"{readme}:{i + 1}: snippet '{name}' differs from its region");
            }
            output.AddRange(expected.Split('\n'));
            output.Add(lines[end]);
            i = end;
        }

        if (problems.Count > 0 && Environment.GetEnvironmentVariable("MEDIBLOC_UPDATE_SNIPPETS") == "1")
        {
            File.WriteAllText(path, string.Join("\n", output) + "\n");
            return;
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_root_readme_names_the_two_commands_first()
    {
        var text = File.ReadAllText(Path.Combine(RepoRoot(), "README.md"));
        var run = text.IndexOf("dotnet run --project samples/MediBloc.Samples.Quickstart", StringComparison.Ordinal);
        var test = text.IndexOf("dotnet test", StringComparison.Ordinal);
        Assert.True(run >= 0 && test >= 0, "the README must give the quickstart and the test command");
        Assert.True(run < text.IndexOf("```csharp", StringComparison.Ordinal), "the two commands come before any code example");
        var ci = File.ReadAllText(Path.Combine(RepoRoot(), ".ci", "run"));
        Assert.Contains("dotnet test", ci, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Regions(string root)
    {
        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var dir in new[] { "src", "samples", "tests" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, dir), "*.cs", SearchOption.AllDirectories))
            {
                if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ||
                    file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                {
                    continue;
                }
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    var m = RegionStart().Match(lines[i]);
                    if (!m.Success)
                    {
                        continue;
                    }
                    var end = Array.FindIndex(lines, i + 1, l => l.Trim().StartsWith("#endregion", StringComparison.Ordinal));
                    var body = lines[(i + 1)..end];
                    var indent = body.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
                    var text = new StringBuilder();
                    foreach (var l in body)
                    {
                        text.Append(l.Length >= indent ? l[indent..] : l.TrimStart()).Append('\n');
                    }
                    regions[m.Groups[1].Value] = text.ToString().TrimEnd('\n');
                }
            }
        }
        return regions;
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MediBloc.Sdk.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("MediBloc.Sdk.sln not found above the test directory.");
    }

    [GeneratedRegex(@"<!--\s*snippet:\s*([A-Za-z0-9_.-]+)\s*-->")]
    private static partial Regex SnippetMarker();

    [GeneratedRegex(@"^\s*#region\s+Snippet:([A-Za-z0-9_.-]+)")]
    private static partial Regex RegionStart();
}
