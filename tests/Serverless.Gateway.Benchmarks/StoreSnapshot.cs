using System.Globalization;

namespace Serverless.Gateway.Benchmarks;

/// <summary>The store at one moment: the bytes of Azurite's data folder by entry, and the rows of each table.</summary>
internal sealed record StoreSnapshot(IReadOnlyDictionary<string, long> Bytes, IReadOnlyDictionary<string, (long Rows, bool Partial)> Rows)
{
    /// <summary>Azurite writes its databases to disk every 5 s; waiting longer makes the folder show everything written so far.</summary>
    private static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(6);

    public long TotalBytes => Bytes.Values.Sum();

    public static async Task<StoreSnapshot> TakeAsync(MeteredStack stack)
    {
        await Task.Delay(SaveInterval);
        return new StoreSnapshot(StoreSize.ByEntry(stack.DataFolder), await TableRows.CountAsync(stack.Storage.ConnectionString, TimeSpan.FromSeconds(60)));
    }

    /// <summary>Prints the store's size before and after, and what grew: each file or folder, each table.</summary>
    public static void PrintGrowth(StoreSnapshot before, StoreSnapshot after, long answered)
    {
        static string MiB(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F2} MiB");
        var grown = after.TotalBytes - before.TotalBytes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"store: {MiB(before.TotalBytes)} before, {MiB(after.TotalBytes)} after: {grown / (double)Math.Max(1, answered):F0} bytes per request answered"));
        foreach (var name in before.Bytes.Keys.Union(after.Bytes.Keys).Order(StringComparer.Ordinal))
        {
            Console.WriteLine($"  {name,-32} {MiB(before.Bytes.GetValueOrDefault(name)),12} -> {MiB(after.Bytes.GetValueOrDefault(name)),12}");
        }

        foreach (var table in before.Rows.Keys.Union(after.Rows.Keys).Order(StringComparer.Ordinal))
        {
            Console.WriteLine($"  table {table,-26} {RowsOf(before, table),12} rows -> {RowsOf(after, table),12} rows");
        }
    }

    /// <summary>A table's row count: <c>&gt;=</c> before a partial count, <c>?</c> where the store did not say.</summary>
    private static string RowsOf(StoreSnapshot snapshot, string table) => snapshot.Rows.TryGetValue(table, out var count)
        ? (count.Partial ? ">=" : string.Empty) + count.Rows.ToString(CultureInfo.InvariantCulture)
        : "?";
}
