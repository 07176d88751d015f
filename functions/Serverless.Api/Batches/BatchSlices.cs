using Azure.Storage.Blobs.Models;
using Azure;
using Azure.Storage.Blobs;
using Serverless.Jobs;

namespace Serverless.Api.Batches;

/// <summary>
/// A batch's checked input lines, cut into slices of <see cref="BatchOptions.ChunkLines"/> lines (one blob each in
/// the <c>batches</c> container), so dispatching a chunk reads its own lines and not the whole input file again.
/// </summary>
public sealed class BatchSlices(BlobServiceClient blobs)
{
    /// <summary>The blob container of the slices.</summary>
    public const string ContainerName = "batches";

    private readonly BlobContainerClient container = blobs.GetBlobContainerClient(ContainerName);
    private Task? created;

    /// <summary>Stores the slice of <paramref name="batchId"/> that starts at line <paramref name="firstLine"/>.</summary>
    public async Task WriteAsync(string batchId, int firstLine, string jsonLines, CancellationToken cancellationToken)
    {
        await CreateOnce.EnsureAsync(ref created, () => container.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None));
        await container.GetBlobClient(NameOf(batchId, firstLine)).UploadAsync(BinaryData.FromString(jsonLines), overwrite: true, cancellationToken);
    }

    /// <summary>The lines of the slice that starts at <paramref name="firstLine"/>.</summary>
    public async Task<IReadOnlyList<string>> ReadAsync(string batchId, int firstLine, CancellationToken cancellationToken)
    {
        var content = await container.GetBlobClient(NameOf(batchId, firstLine)).DownloadContentAsync(cancellationToken);
        return content.Value.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Deletes a batch's slices (once it ended: its output is in its files).</summary>
    public async Task DeleteAsync(string batchId, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, batchId + "/", cancellationToken))
            {
                await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }

    private static string NameOf(string batchId, int firstLine) => BatchChunks.IdOf(batchId, firstLine).Replace('.', '/') + ".jsonl";
}
