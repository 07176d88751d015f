using System.Text.Json;

namespace Serverless.Api.Batches;

/// <summary>Turns batch rows into the batch objects the API answers with.</summary>
internal static class BatchViews
{
    /// <summary>The batch object of <paramref name="row"/>.</summary>
    public static BatchObject ToObject(BatchEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var errors = row.Errors is { } json ? JsonSerializer.Deserialize(json, BatchesJsonContext.Default.ListBatchError) : null;
        var metadata = row.Metadata is { } meta ? JsonSerializer.Deserialize(meta, BatchesJsonContext.Default.DictionaryStringString) : null;
        long? At(string status) => row.Status == status ? row.EndedAt?.ToUnixTimeSeconds() : null;
        return new BatchObject(
            row.RowKey,
            row.Endpoint,
            errors is { Count: > 0 } ? new BatchErrorList(errors) : null,
            row.InputFileId,
            row.CompletionWindow,
            row.Status,
            row.OutputFileId,
            row.ErrorFileId,
            row.CreatedAt.ToUnixTimeSeconds(),
            row.InProgressAt?.ToUnixTimeSeconds(),
            row.ExpiresAt.ToUnixTimeSeconds(),
            row.FinalizingAt?.ToUnixTimeSeconds(),
            At(BatchStatus.Completed),
            At(BatchStatus.Failed),
            At(BatchStatus.Expired),
            row.CancellingAt?.ToUnixTimeSeconds(),
            At(BatchStatus.Cancelled),
            new BatchRequestCounts(row.Total, row.Completed, row.Failed),
            metadata);
    }
}
