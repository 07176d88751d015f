using System.Text.RegularExpressions;
using Serverless.Testing;

namespace Serverless.Infra.Tests.Container;

/// <summary>gpu-worker/Dockerfile read as instructions (line continuations joined, comments dropped).</summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<(string Keyword, string Arguments)> instructions) => Instructions = instructions;

    /// <summary>The worker's Dockerfile.</summary>
    public static Dockerfile Worker { get; } = Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "gpu-worker", "Dockerfile")));

    /// <summary>Every instruction, in order.</summary>
    public IReadOnlyList<(string Keyword, string Arguments)> Instructions { get; }

    /// <summary>The instructions of the last (runtime) stage.</summary>
    public IEnumerable<(string Keyword, string Arguments)> RuntimeStage =>
        Instructions.Skip(Instructions.ToList().FindLastIndex(i => i.Keyword == "FROM"));

    /// <summary>The instructions of the first (build) stage, from its <c>FROM</c> up to the next one.</summary>
    public IEnumerable<(string Keyword, string Arguments)> BuildStage =>
        Instructions.SkipWhile(i => i.Keyword != "FROM").Skip(1).TakeWhile(i => i.Keyword != "FROM");

    /// <summary>The <c>ENV</c> settings of the runtime stage.</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        RuntimeStage.Where(i => i.Keyword == "ENV")
            .SelectMany(i => EnvPair().Matches(i.Arguments))
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    /// <summary>The default value of an <c>ARG</c>.</summary>
    public string Argument(string name) =>
        Instructions.Where(i => i.Keyword == "ARG").Select(i => i.Arguments.Split('=', 2)).Single(a => a[0] == name)[1];

    /// <summary>The <c>RUN</c> instructions whose command contains <paramref name="text"/>.</summary>
    public IEnumerable<string> Runs(string text) =>
        Instructions.Where(i => i.Keyword == "RUN" && i.Arguments.Contains(text, StringComparison.Ordinal)).Select(i => i.Arguments);

    private static Dockerfile Parse(string text)
    {
        // As Docker does: comment lines go first (also inside a continued instruction), then continuations join.
        var uncommented = string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith('#')));
        var instructions = Regex.Replace(uncommented, @"\\\r?\n", " ").Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0)
            .Select(l => l.Split(' ', 2))
            .Select(p => (p[0].ToUpperInvariant(), p.Length > 1 ? Regex.Replace(p[1], @"\s+", " ").Trim() : string.Empty))
            .ToList();
        return new Dockerfile(instructions);
    }

    [GeneratedRegex(@"(\w+)=(\S+)")]
    private static partial Regex EnvPair();
}
