using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Serverless.Api.Storage;
using Serverless.Jobs;

namespace Serverless.Api.Files;

/// <summary>
/// Files kept per owner: a row in the <c>files</c> table (partitioned by owner, so another owner's id is simply not
/// found) and the bytes in the <c>files</c> blob container under the file's id. The blob is written before the row,
/// so a listed file always has its bytes; a crash between the two leaves an unlisted blob, never a broken file.
/// </summary>
public sealed class FileStore(TableServiceClient tables, BlobServiceClient blobs, TimeProvider time)
{
    private readonly TableClient table = tables.GetTableClient(FileEntity.TableName);
    private readonly BlobContainerClient container = blobs.GetBlobContainerClient(FileEntity.TableName);
    private Task? created;

    /// <summary>The partition of an owner's files.</summary>
    public static string PartitionOf(string owner) => TableKeys.Escape(owner);

    /// <summary>Stores <paramref name="content"/> as a new file of <paramref name="owner"/>'s and returns its row.</summary>
    public async Task<FileEntity> AddAsync(string owner, string filename, string purpose, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        await EnsureCreatedAsync();
        var now = time.GetUtcNow();
        var id = FileIds.New(now);
        var blob = container.GetBlobClient(id);
        await blob.UploadAsync(content, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" } }, cancellationToken);
        var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
        var row = new FileEntity
        {
            PartitionKey = PartitionOf(owner),
            RowKey = id,
            Owner = owner,
            Filename = filename,
            Purpose = purpose,
            Bytes = properties.Value.ContentLength,
            CreatedAt = now,
        };
        await table.AddEntityAsync(row, cancellationToken);
        return row;
    }

    /// <summary>An owner's file, or null.</summary>
    public async Task<FileEntity?> GetAsync(string owner, string id, CancellationToken cancellationToken)
    {
        if (!FileIds.IsWellFormed(id))
        {
            return null;
        }

        await EnsureCreatedAsync();
        var found = await table.GetEntityIfExistsAsync<FileEntity>(PartitionOf(owner), id, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Up to <paramref name="limit"/> of an owner's files, newest first, after <paramref name="after"/>, of one purpose if given.</summary>
    public async Task<IReadOnlyList<FileEntity>> ListAsync(string owner, string? purpose, string? after, int limit, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var partition = PartitionOf(owner);
        var filter = (after, purpose) switch
        {
            (null, null) => TableClient.CreateQueryFilter($"PartitionKey eq {partition}"),
            (null, _) => TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Purpose eq {purpose}"),
            (_, null) => TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after}"),
            _ => TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after} and Purpose eq {purpose}"),
        };
        var files = new List<FileEntity>(Math.Min(limit, 1000));
        await foreach (var file in table.QueryAsync<FileEntity>(filter, maxPerPage: Math.Min(limit, 1000), cancellationToken: cancellationToken))
        {
            files.Add(file);
            if (files.Count == limit)
            {
                break;
            }
        }

        return files;
    }

    /// <summary>Opens a file's bytes for reading.</summary>
    public async Task<Stream> OpenReadAsync(FileEntity file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        return await container.GetBlobClient(file.RowKey).OpenReadAsync(cancellationToken: cancellationToken);
    }

    /// <summary>Deletes a file: its row first (from then on it is not found), then its bytes.</summary>
    public async Task DeleteAsync(FileEntity file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            await table.DeleteEntityAsync(file.PartitionKey, file.RowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }

        await container.GetBlobClient(file.RowKey).DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    private Task EnsureCreatedAsync() =>
        CreateOnce.EnsureAsync(ref created, async () =>
        {
            await table.CreateIfNotExistsAsync(CancellationToken.None);
            await container.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
        });
}
