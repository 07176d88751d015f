using System.Diagnostics;
using Azure.Data.Tables;

namespace Serverless.Gateway.Benchmarks;

/// <summary>Counts the rows of every table in the store, to say which table a run made grow.</summary>
internal static class TableRows
{
    /// <summary>Rows per table; a table whose count ran past <paramref name="budget"/> (all tables together) is counted so far and marked partial.</summary>
    public static async Task<IReadOnlyDictionary<string, (long Rows, bool Partial)>> CountAsync(string connectionString, TimeSpan budget)
    {
        var service = new TableServiceClient(connectionString);
        var counted = new SortedDictionary<string, (long, bool)>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        await foreach (var table in service.QueryAsync())
        {
            long rows = 0;
            var partial = false;
            await foreach (var page in service.GetTableClient(table.Name).QueryAsync<TableEntity>(select: ["PartitionKey"], maxPerPage: 1000).AsPages())
            {
                rows += page.Values.Count;
                if (clock.Elapsed > budget)
                {
                    partial = true;
                    break;
                }
            }

            counted[table.Name] = (rows, partial);
        }

        return counted;
    }
}
