using Azure;
using Azure.Data.Tables;

namespace Serverless.Jobs;

/// <summary>Optimistic writes of a single entity: the read-modify-write every shared row here is changed by.</summary>
public static class GuardedWrites
{
    /// <summary>
    /// Writes <paramref name="entity"/> if nobody changed its row since <paramref name="read"/> was read (added when
    /// there was no row); false when someone did, so the caller reads again and retries. On success the entity carries
    /// its new ETag, so it can be written again. A single entity, never a batch: Azurite ignores If-Match inside
    /// batches (its issue #1233).
    /// </summary>
    public static async Task<bool> TryWriteAsync(this TableClient table, ITableEntity entity, ITableEntity? read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(entity);
        try
        {
            var response = read is null
                ? await table.AddEntityAsync(entity, cancellationToken)
                : await table.UpdateEntityAsync(entity, read.ETag, TableUpdateMode.Replace, cancellationToken);
            entity.ETag = response.Headers.ETag ?? entity.ETag;
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }
}
