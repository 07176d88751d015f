using Azure;
using Azure.Data.Tables;
using Serverless.Api.Storage;
using Serverless.Jobs;

namespace Serverless.Api.Jobs;

/// <summary>
/// The jobs table as the API uses it: a job is found by its owner's partition and its id (an admin by id alone),
/// lists are one partition read newest first, and status changes are ETag-guarded replaces.
/// </summary>
public sealed class JobStore(TableServiceClient tables)
{
    private readonly TableClient table = tables.GetTableClient(JobEntity.TableName);
    private Task? created;

    /// <summary>The partition of an owner's jobs.</summary>
    public static string PartitionOf(string owner) => TableKeys.Escape(owner);

    /// <summary>Adds a new job.</summary>
    public async Task AddAsync(JobEntity job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await EnsureCreatedAsync();
        try
        {
            await table.AddEntityAsync(job, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // A new id carries 64 random bits, so the row that exists is this very insert: an attempt that storage
            // carried out but answered too late for the client, which retried it.
        }
    }

    /// <summary>Reads a job, or null.</summary>
    public async Task<JobEntity?> GetAsync(string partition, string id, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var found = await table.GetEntityIfExistsAsync<JobEntity>(partition, id, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Finds a job by id in any partition (an admin's look-up: a scan of one row key).</summary>
    public async Task<JobEntity?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        await foreach (var job in table.QueryAsync<JobEntity>(e => e.RowKey == id, maxPerPage: 1, cancellationToken: cancellationToken))
        {
            return job;
        }

        return null;
    }

    /// <summary>Up to <paramref name="limit"/> jobs of a partition, newest first, after the id <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<JobEntity>> ListAsync(string partition, string? after, int limit, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var filter = after is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after}");

        // Lists never carry the bodies: a page of 100 results could be megabytes.
        var columns = new[]
        {
            nameof(JobEntity.PartitionKey), nameof(JobEntity.RowKey), nameof(JobEntity.Owner), nameof(JobEntity.Kind), nameof(JobEntity.Model), nameof(JobEntity.Status),
            nameof(JobEntity.CreatedAt), nameof(JobEntity.StartedAt), nameof(JobEntity.CompletedAt), nameof(JobEntity.ExpiresAt),
            nameof(JobEntity.ErrorCode), nameof(JobEntity.ErrorMessage), nameof(JobEntity.PromptTokens), nameof(JobEntity.CompletionTokens),
            nameof(JobEntity.Webhook), nameof(JobEntity.Settled), nameof(JobEntity.StatusUrl),
        };
        var jobs = new List<JobEntity>(limit);
        await foreach (var job in table.QueryAsync<JobEntity>(filter, maxPerPage: limit, select: columns, cancellationToken: cancellationToken))
        {
            jobs.Add(job);
            if (jobs.Count == limit)
            {
                break;
            }
        }

        return jobs;
    }

    /// <summary>Replaces the job if it has not changed since it was read; false when another writer got there first.</summary>
    public async Task<bool> TryReplaceAsync(JobEntity job, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.UpdateEntityAsync(job, job.ETag, TableUpdateMode.Replace, cancellationToken);
            job.ETag = response.Headers.ETag ?? job.ETag;
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    private Task EnsureCreatedAsync() =>
        CreateOnce.EnsureAsync(ref created, () => table.CreateIfNotExistsAsync(CancellationToken.None));
}
