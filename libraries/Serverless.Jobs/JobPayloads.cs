using Azure;
using Azure.Storage.Blobs;

namespace Serverless.Jobs;

/// <summary>
/// Request and result bodies: kept in the row when they fit (one read serves a poll), else in a blob named after the
/// job, since a table property holds at most 64 KiB.
/// </summary>
public sealed class JobPayloads(BlobServiceClient blobs)
{
    /// <summary>Bodies up to this many characters stay in the row (UTF-16: 32K characters fill the 64 KiB).</summary>
    public const int MaxInlineChars = 30_000;

    private readonly BlobContainerClient container = blobs.GetBlobContainerClient(JobQueueNames.PayloadContainer);
    private Task? created;

    /// <summary>Stores <paramref name="text"/>: returns it back to put in the row, or the blob name it went to.</summary>
    public async Task<(string? Inline, string? Blob)> StoreAsync(string jobId, string part, string text, CancellationToken cancellationToken)
    {
        if (text.Length <= MaxInlineChars)
        {
            return (text, null);
        }

        var creating = created ??= CreateAsync();
        try
        {
            await creating;
        }
        catch
        {
            _ = Interlocked.CompareExchange(ref created, null, creating); // the next body tries again
            throw;
        }

        var name = $"{jobId}/{part}.json";
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(text), overwrite: true, cancellationToken);
        return (null, name);
    }

    /// <summary>
    /// Creates the container if missing (on Azurite). In Azure the deployment creates it and the worker's identity
    /// holds a data role on the container alone, which may not create it: that refusal is expected.
    /// </summary>
    private async Task CreateAsync()
    {
        try
        {
            await container.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
        }
        catch (RequestFailedException e) when (e.Status == 403)
        {
        }
    }

    /// <summary>Reads a body stored by <see cref="StoreAsync"/>.</summary>
    public async Task<string?> LoadAsync(string? inline, string? blob, CancellationToken cancellationToken)
    {
        if (inline is not null || blob is null)
        {
            return inline;
        }

        try
        {
            var content = await container.GetBlobClient(blob).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
