using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Serverless.Api.Storage;
using Serverless.Jobs;

namespace Serverless.Api.Catalog;

/// <summary>
/// The model catalog in Table storage, one row per model. Writes are guarded by the row's ETag: a write based on a
/// catalog that changed meanwhile fails rather than silently undoing the other write.
/// </summary>
internal sealed class CatalogStore(TableServiceClient tables)
{
    internal const string TableName = "catalog";
    private readonly TableClient table = tables.GetTableClient(TableName);
    private Task? created;

    /// <summary>Every model with the ETag of its row.</summary>
    public async Task<IReadOnlyList<(CatalogModel Model, ETag ETag)>> ListAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var list = new List<(CatalogModel, ETag)>();
        await foreach (var entity in table.QueryAsync<CatalogEntity>(cancellationToken: cancellationToken))
        {
            if (ToModel(entity) is { } model)
            {
                list.Add((model, entity.ETag));
            }
        }

        return list;
    }

    /// <summary>
    /// Writes <paramref name="model"/>: creates it when <paramref name="etag"/> is null, else replaces the row only if it
    /// still has that ETag. False when someone else wrote first.
    /// </summary>
    public async Task<bool> PutAsync(CatalogModel model, ETag? etag, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var entity = new CatalogEntity
        {
            PartitionKey = TableKeys.Escape(model.Id),
            Json = JsonSerializer.Serialize(CatalogModelObject.From(model), CatalogJsonContext.Default.CatalogModelObject),
        };
        try
        {
            if (etag is { } current)
            {
                await table.UpdateEntityAsync(entity, current, TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await table.AddEntityAsync(entity, cancellationToken);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Deletes a model's row if it still has <paramref name="etag"/>; false when it changed or is gone.</summary>
    public async Task<bool> DeleteAsync(string id, ETag etag, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        try
        {
            var response = await table.DeleteEntityAsync(TableKeys.Escape(id), string.Empty, etag, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    private static CatalogModel? ToModel(CatalogEntity entity)
    {
        var stored = JsonSerializer.Deserialize(entity.Json, CatalogJsonContext.Default.CatalogModelObject);
        if (stored is null)
        {
            return null;
        }

        // Rows were validated when written; a row that no longer validates (edited by hand) is skipped, not served.
        var request = new CatalogModelRequest
        {
            Capabilities = stored.Capabilities,
            ContextLength = stored.ContextLength,
            Aliases = stored.Aliases,
            Deployments = stored.Deployments,
        };
        var (model, _) = CatalogValidator.ForPut(stored.Id, request, [], allowHttpUpstreams: true, DateTimeOffset.FromUnixTimeSeconds(stored.UpdatedAt));
        return model is null ? null : model with { Fallbacks = stored.Fallbacks };
    }

    private Task EnsureCreatedAsync() => CreateOnce.EnsureAsync(ref created, () => table.CreateIfNotExistsAsync());
}
