namespace Serverless.Gateway.Benchmarks;

/// <summary>The bytes Azurite keeps in its data folder: its databases (one JSON file per service) and extent folders.</summary>
internal static class StoreSize
{
    /// <summary>Bytes under each top-level entry of <paramref name="folder"/>, a folder's files summed.</summary>
    public static IReadOnlyDictionary<string, long> ByEntry(string folder) =>
        new DirectoryInfo(folder).EnumerateFileSystemInfos().ToDictionary(
            entry => entry.Name,
            entry => entry is DirectoryInfo directory ? directory.EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : ((FileInfo)entry).Length,
            StringComparer.Ordinal);

    /// <summary>Bytes of every file under <paramref name="folder"/>.</summary>
    public static long Total(string folder) => ByEntry(folder).Values.Sum();
}
