using System.Text.RegularExpressions;

namespace Serverless.Infra.Tests.Container;

/// <summary>
/// A <c>.dockerignore</c> file with Docker's matching rules (moby/patternmatcher): paths relative to the context
/// root, <c>*</c> and <c>?</c> within one path element, <c>**</c> across any number of them, a pattern that matches a
/// folder matches everything in it, <c>!</c> lets back in, and the last matching line wins.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly IReadOnlyList<(Regex Pattern, bool Include, string Text)> rules;

    private DockerIgnore(IReadOnlyList<(Regex Pattern, bool Include, string Text)> rules) => this.rules = rules;

    /// <summary>Reads the rules from the text of a <c>.dockerignore</c> file.</summary>
    public static DockerIgnore Parse(string text) =>
        new(text.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.StartsWith('!') ? (Text: l[1..].Trim(), Include: true) : (Text: l, Include: false))
            .Select(r => (Text: r.Text.Trim('/'), r.Include))
            .Where(r => r.Text.Length > 0)
            .Select(r => (ToRegex(r.Text), r.Include, r.Text))
            .ToList());

    /// <summary>Whether Docker leaves the file or folder at <paramref name="relativePath"/> (forward slashes) out of the context.</summary>
    public bool Excludes(string relativePath)
    {
        var excluded = false;
        foreach (var (pattern, include, _) in rules)
        {
            if (pattern.IsMatch(relativePath))
            {
                excluded = !include;
            }
        }

        return excluded;
    }

    /// <summary>Whether a folder Docker excludes may still hold something a <c>!</c> line lets back in, so it must be walked.</summary>
    public bool MayIncludeBelow(string folder) =>
        rules.Any(r => r.Include && (r.Text.StartsWith(folder + "/", StringComparison.Ordinal) || r.Text.StartsWith("**", StringComparison.Ordinal)));

    /// <summary>The files Docker sends from <paramref name="root"/>: every file not excluded, as relative paths with forward slashes.</summary>
    public IReadOnlyList<string> Context(string root)
    {
        var files = new List<string>();
        Walk(root, string.Empty, files);
        return files;
    }

    private void Walk(string root, string folder, List<string> files)
    {
        var path = folder.Length == 0 ? root : Path.Combine(root, folder);
        foreach (var file in Directory.EnumerateFiles(path))
        {
            var relative = Join(folder, Path.GetFileName(file));
            if (!Excludes(relative))
            {
                files.Add(relative);
            }
        }

        foreach (var directory in Directory.EnumerateDirectories(path))
        {
            var relative = Join(folder, Path.GetFileName(directory));
            if (relative == ".git" || (Excludes(relative) && !MayIncludeBelow(relative)))
            {
                continue;
            }

            Walk(root, relative, files);
        }
    }

    private static string Join(string folder, string name) => folder.Length == 0 ? name : folder + "/" + name;

    private static Regex ToRegex(string pattern)
    {
        var regex = new System.Text.StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                // `**/` is zero or more folders; a final `**` is anything.
                var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                regex.Append(slash ? "(.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                regex.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }

        // A pattern that names a folder also names everything in it.
        return new Regex(regex.Append("(/.*)?$").ToString(), RegexOptions.CultureInvariant);
    }
}
