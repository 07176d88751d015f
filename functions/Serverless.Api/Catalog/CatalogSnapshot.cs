using Azure;

namespace Serverless.Api.Catalog;

/// <summary>The catalog as one instance last read it: each model by id and by alias, with its row's ETag.</summary>
internal sealed class CatalogSnapshot
{
    private readonly Dictionary<string, CatalogModel> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ETag> etags = new(StringComparer.Ordinal);

    /// <summary>Indexes <paramref name="rows"/>, read at <paramref name="readAt"/>.</summary>
    public CatalogSnapshot(IReadOnlyList<(CatalogModel Model, ETag ETag)> rows, DateTimeOffset readAt)
    {
        Models = rows.Select(r => r.Model).OrderBy(m => m.Id, StringComparer.Ordinal).ToArray();
        foreach (var (model, etag) in rows)
        {
            etags[model.Id] = etag;
            byName[model.Id] = model;
        }

        foreach (var model in Models)
        {
            foreach (var alias in model.Aliases)
            {
                byName.TryAdd(alias, model);
            }
        }

        ReadAt = readAt;
    }

    /// <summary>An empty catalog.</summary>
    public static CatalogSnapshot Empty { get; } = new([], DateTimeOffset.MinValue);

    /// <summary>Every model, by id.</summary>
    public IReadOnlyList<CatalogModel> Models { get; }

    /// <summary>When it was read.</summary>
    public DateTimeOffset ReadAt { get; }

    /// <summary>The model named <paramref name="name"/> (its id or an alias), or null.</summary>
    public CatalogModel? Find(string name) => byName.GetValueOrDefault(name);

    /// <summary>The model whose id is <paramref name="id"/> (not an alias), or null.</summary>
    public CatalogModel? FindById(string id) => byName.TryGetValue(id, out var model) && model.Id == id ? model : null;

    /// <summary>The ETag of the model's row, for a guarded write.</summary>
    public ETag? ETagOf(string id) => etags.TryGetValue(id, out var etag) ? etag : null;
}
