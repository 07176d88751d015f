using Azure;
using Azure.Data.Tables;
using Serverless.Api.Storage;
using Serverless.Jobs;

namespace Serverless.Api.Prices;

/// <summary>Prices in Table storage, one row per model. Admin writes replace the whole row: the last write wins.</summary>
internal sealed class PriceStore(TableServiceClient tables)
{
    internal const string TableName = "prices";
    private readonly TableClient table = tables.GetTableClient(TableName);
    private Task? created;

    /// <summary>Every stored price, by model id.</summary>
    public async Task<IReadOnlyList<PriceRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var list = new List<PriceRecord>();
        await foreach (var entity in table.QueryAsync<PriceEntity>(cancellationToken: cancellationToken))
        {
            list.Add(ToRecord(entity));
        }

        return list.OrderBy(p => p.Price.Model, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The stored price of <paramref name="model"/>, or null.</summary>
    public async Task<PriceRecord?> FindAsync(string model, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var row = await table.GetEntityIfExistsAsync<PriceEntity>(TableKeys.Escape(model), string.Empty, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? ToRecord(entity) : null;
    }

    /// <summary>Creates or replaces the price of a model.</summary>
    public async Task<PriceRecord> PutAsync(ModelPrice price, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var entity = ToEntity(price, now);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        return ToRecord(entity);
    }

    /// <summary>Stores the price of a model that has none; false (and nothing written) when it has one.</summary>
    public async Task<bool> AddAsync(ModelPrice price, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        try
        {
            await table.AddEntityAsync(ToEntity(price, now), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Removes the price of a model (it is unpriced again); false when it had none.</summary>
    public async Task<bool> DeleteAsync(string model, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var response = await table.DeleteEntityAsync(TableKeys.Escape(model), string.Empty, cancellationToken: cancellationToken);
        return response.Status != 404;
    }

    private static PriceEntity ToEntity(ModelPrice price, DateTimeOffset now) => new()
    {
        PartitionKey = TableKeys.Escape(price.Model),
        Model = price.Model,
        InputPer1K = Money.Format(price.InputPer1K),
        OutputPer1K = Money.Format(price.OutputPer1K),
        CachedPer1K = price.CachedPer1K is { } cached ? Money.Format(cached) : null,
        UpdatedAt = now,
    };

    private static PriceRecord ToRecord(PriceEntity e) =>
        new(new ModelPrice(e.Model, Money.Parse(e.InputPer1K), Money.Parse(e.OutputPer1K), e.CachedPer1K is { } cached ? Money.Parse(cached) : null), e.UpdatedAt);

    private Task EnsureCreatedAsync() => CreateOnce.EnsureAsync(ref created, () => table.CreateIfNotExistsAsync());
}
