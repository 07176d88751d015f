using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Serverless.Api.Keys;
using Serverless.Api.Quotas;
using Serverless.Jobs;

namespace Serverless.Api.Tiers;

/// <summary>
/// Tiers in Table storage, read through a short-lived cache. A tier with no row yet is the configured default
/// (<see cref="QuotaOptions.DefaultTier"/>) for <c>default</c>, and unlimited for <c>admin</c>.
/// </summary>
public sealed class TierStore(TableServiceClient tables, IOptions<QuotaOptions> options, TimeProvider time)
{
    internal const string TableName = "tiers";
    private static readonly TimeSpan CacheTtl = TimeSpan.FromSeconds(10);
    private readonly TableClient table = tables.GetTableClient(TableName);
    private readonly ConcurrentDictionary<string, (Tier Tier, DateTimeOffset Expires)> cache = new(StringComparer.Ordinal);
    private Task? created;

    /// <summary>The tier named <paramref name="name"/>.</summary>
    public async Task<Tier> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(name, out var hit) && hit.Expires > time.GetUtcNow())
        {
            return hit.Tier;
        }

        await EnsureCreatedAsync();
        var row = await table.GetEntityIfExistsAsync<TierEntity>(name, string.Empty, cancellationToken: cancellationToken);
        var tier = row.HasValue && row.Value is { } entity ? ToTier(entity) : Builtin(name);
        cache[name] = (tier, time.GetUtcNow() + CacheTtl);
        return tier;
    }

    /// <summary>Every tier that has a row, plus the built-in ones.</summary>
    public async Task<IReadOnlyList<Tier>> ListAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var tiers = new Dictionary<string, Tier>(StringComparer.Ordinal) { ["default"] = Builtin("default"), ["admin"] = Builtin("admin") };
        await foreach (var entity in table.QueryAsync<TierEntity>(cancellationToken: cancellationToken))
        {
            tiers[entity.PartitionKey] = ToTier(entity);
        }

        return tiers.Values.OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Creates or replaces a tier.</summary>
    public async Task<Tier> PutAsync(Tier tier, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var entity = new TierEntity
        {
            PartitionKey = tier.Name,
            LimitsJson = JsonSerializer.Serialize(tier.Limits, TierJsonContext.Default.KeyLimits),
            ModelLimitsJson = JsonSerializer.Serialize(tier.ModelLimits.ToDictionary(), TierJsonContext.Default.DictionaryStringKeyLimits),
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        cache.TryRemove(tier.Name, out _);
        return tier;
    }

    private Tier Builtin(string name) => name == "admin"
        ? new Tier(name, new KeyLimits(), new Dictionary<string, KeyLimits>())
        : new Tier(name, options.Value.DefaultTier, new Dictionary<string, KeyLimits>());

    private static Tier ToTier(TierEntity entity) => new(
        entity.PartitionKey,
        JsonSerializer.Deserialize(entity.LimitsJson, TierJsonContext.Default.KeyLimits) ?? new KeyLimits(),
        JsonSerializer.Deserialize(entity.ModelLimitsJson, TierJsonContext.Default.DictionaryStringKeyLimits) ?? []);

    private Task EnsureCreatedAsync() => CreateOnce.EnsureAsync(ref created, () => table.CreateIfNotExistsAsync());
}
