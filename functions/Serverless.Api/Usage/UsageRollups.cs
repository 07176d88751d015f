using Azure;
using Azure.Data.Tables;
using Serverless.Jobs;

namespace Serverless.Api.Usage;

/// <summary>
/// Daily rollups in Table storage. Merges are read-modify-write of one entity guarded by its ETag (never inside a
/// batch: Azurite ignores If-Match there, its issue #1233), retried on 412 and 409 against the winner's version,
/// so concurrent flushers of many instances sum exactly.
/// </summary>
internal sealed class UsageRollups(TableServiceClient tables, TimeProvider time)
{
    internal const string TableName = "usagedaily";
    private const int MaxMergeAttempts = 20;
    private static readonly string[] ReadColumns =
        [nameof(UsageDailyEntity.RowKey), nameof(UsageDailyEntity.Model), nameof(UsageDailyEntity.PromptTokens), nameof(UsageDailyEntity.CompletionTokens),
         nameof(UsageDailyEntity.Requests), nameof(UsageDailyEntity.ComputeMs), nameof(UsageDailyEntity.Cost), nameof(UsageDailyEntity.Errors),
         nameof(UsageDailyEntity.RateLimited), nameof(UsageDailyEntity.Cached)];

    private readonly TableClient table = tables.GetTableClient(TableName);
    private Task? created;

    /// <summary>Adds <paramref name="merge"/> to its row once, however often it is retried, by whichever process.</summary>
    public async Task MergeAsync(RollupMerge merge, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var partition = UsageKeys.RollupPartition(merge.Owner);
        var row = UsageKeys.RollupRow(merge.Delta.Day, merge.Delta.Model);
        for (var attempt = 1; ; attempt++)
        {
            var found = await table.GetEntityIfExistsAsync<UsageDailyEntity>(partition, row, cancellationToken: cancellationToken);
            try
            {
                if (!found.HasValue || found.Value is not { } entity)
                {
                    await table.AddEntityAsync(DailyRollup.Create(merge, time.GetUtcNow()), cancellationToken);
                    return;
                }

                if (DailyRollup.Apply(entity, merge, time.GetUtcNow()))
                {
                    await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxMergeAttempts)
            {
                // Another flusher changed (or created) the row between our read and write: merge into its version.
            }
        }
    }

    /// <summary>An owner's rollups from <paramref name="from"/> to <paramref name="to"/> (UTC days, inclusive).</summary>
    public async Task<IReadOnlyList<DailyUsage>> ReadAsync(string owner, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var partition = UsageKeys.RollupPartition(owner);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey ge {UsageKeys.Day(from)} and RowKey lt {UsageKeys.Day(to.AddDays(1))}");
        var rows = new List<DailyUsage>();
        await foreach (var entity in table.QueryAsync<UsageDailyEntity>(filter, select: ReadColumns, cancellationToken: cancellationToken))
        {
            rows.Add(DailyRollup.Read(entity));
        }

        return rows;
    }

    private Task EnsureCreatedAsync() => CreateOnce.EnsureAsync(ref created, () => table.CreateIfNotExistsAsync());
}
