namespace Serverless.Api.Routing;

/// <summary>Reads an id out of a path; both hosts fill route values differently, the path is the same.</summary>
internal static class PathIds
{
    /// <summary>The segment after <paramref name="prefix"/> (which ends with a slash), unescaped; empty when the path does not start so.</summary>
    public static string After(string path, string prefix)
    {
        ArgumentNullException.ThrowIfNull(path);
        var rest = path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? path[prefix.Length..] : string.Empty;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return Uri.UnescapeDataString(slash < 0 ? rest : rest[..slash]);
    }
}
