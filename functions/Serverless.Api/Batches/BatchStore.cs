using Azure.Data.Tables;
using Serverless.Api.Storage;
using Serverless.Jobs;

namespace Serverless.Api.Batches;

/// <summary>
/// The <c>batches</c> table: a batch is found by its owner's partition and its id, lists are one partition read
/// newest first, and every change is a guarded read-modify-write, so the orchestration and a cancel never lose
/// each other's writes.
/// </summary>
public sealed class BatchStore(TableServiceClient tables)
{
    private readonly TableClient table = tables.GetTableClient(BatchEntity.TableName);
    private Task? created;

    /// <summary>The partition of an owner's batches.</summary>
    public static string PartitionOf(string owner) => TableKeys.Escape(owner);

    /// <summary>Adds a new batch.</summary>
    public async Task AddAsync(BatchEntity batch, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        await table.AddEntityAsync(batch, cancellationToken);
    }

    /// <summary>Reads a batch, or null.</summary>
    public async Task<BatchEntity?> GetAsync(string partition, string id, CancellationToken cancellationToken)
    {
        if (!BatchIds.IsWellFormed(id))
        {
            return null;
        }

        await EnsureCreatedAsync();
        var found = await table.GetEntityIfExistsAsync<BatchEntity>(partition, id, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Up to <paramref name="limit"/> batches of a partition, newest first, after <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<BatchEntity>> ListAsync(string partition, string? after, int limit, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var filter = after is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after}");
        var batches = new List<BatchEntity>(limit);
        await foreach (var batch in table.QueryAsync<BatchEntity>(filter, maxPerPage: limit, cancellationToken: cancellationToken))
        {
            batches.Add(batch);
            if (batches.Count == limit)
            {
                break;
            }
        }

        return batches;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the batch and writes it unless another writer got there first, then
    /// reads and applies again; <paramref name="change"/> returns false to leave the row as it is. Returns the row.
    /// </summary>
    public async Task<BatchEntity> UpdateAsync(string partition, string id, Func<BatchEntity, bool> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        while (true)
        {
            var row = await GetAsync(partition, id, cancellationToken) ?? throw new InvalidOperationException($"Batch {id} has no row.");
            if (!change(row) || await table.TryWriteAsync(row, row, cancellationToken))
            {
                return row;
            }
        }
    }

    private Task EnsureCreatedAsync() =>
        CreateOnce.EnsureAsync(ref created, () => table.CreateIfNotExistsAsync(CancellationToken.None));
}
