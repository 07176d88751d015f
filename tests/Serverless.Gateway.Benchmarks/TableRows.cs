using System.Diagnostics;
using Azure;
using Azure.Data.Tables;

namespace Serverless.Gateway.Benchmarks;

/// <summary>Counts the rows of every table in the store, to say which table a run made grow.</summary>
internal static class TableRows
{
    /// <summary>
    /// Rows per table. A table whose count ran past <paramref name="budget"/> (all tables together), or during which
    /// the store stopped answering (said so), is counted so far and marked partial.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, (long Rows, bool Partial)>> CountAsync(string connectionString, TimeSpan budget)
    {
        // An overloaded store should make the count partial, not hold the benchmark for minutes of retries.
        var service = new TableServiceClient(connectionString, new TableClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(30) } });
        var counted = new SortedDictionary<string, (long, bool)>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var table = "(list of tables)";
        long rows = 0;
        try
        {
            await foreach (var item in service.QueryAsync())
            {
                (table, rows) = (item.Name, 0);
                await foreach (var page in service.GetTableClient(table).QueryAsync<TableEntity>(select: ["PartitionKey"], maxPerPage: 1000).AsPages())
                {
                    rows += page.Values.Count;
                    if (clock.Elapsed > budget)
                    {
                        counted[table] = (rows, true);
                        return counted;
                    }
                }

                counted[table] = (rows, false);
            }
        }
        catch (Exception e) when (e is RequestFailedException or TaskCanceledException)
        {
            Console.WriteLine($"counting rows stopped at table {table}: {e.Message.Split('\n')[0]}");
            counted[table] = (rows, true);
        }

        return counted;
    }
}
