using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Serverless.Api.Auth;
using Serverless.Jobs;

namespace Serverless.Api.Keys;

/// <summary>
/// API keys in Table storage: one row per key (by id) and one row per live secret (by its HMAC hash, so that
/// authentication is a point read). Updates are guarded by ETags; a lost race is retried on fresh data.
/// </summary>
public sealed class ApiKeyStore
{
    internal const string KeysTable = "apikeys";
    internal const string SecretsTable = "apikeysecrets";
    private const int MaxUpdateAttempts = 5;

    private readonly TableClient keys;
    private readonly TableClient secrets;
    private readonly IOptions<AuthOptions> options;
    private readonly TimeProvider time;
    private Task? created;

    /// <summary>Creates the store over <paramref name="tables"/>.</summary>
    public ApiKeyStore(TableServiceClient tables, IOptions<AuthOptions> options, TimeProvider time)
    {
        keys = tables.GetTableClient(KeysTable);
        secrets = tables.GetTableClient(SecretsTable);
        this.options = options;
        this.time = time;
    }

    private string Pepper => options.Value.KeyPepper!;

    /// <summary>Creates a key; the secret is returned this once and never stored.</summary>
    public async Task<(ApiKeyRecord Key, string Secret)> CreateAsync(NewApiKey spec, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var secret = ApiKeySecrets.Generate();
        var hash = ApiKeySecrets.Hash(secret, Pepper);
        var key = new ApiKeyRecord(
            "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            spec.Name, spec.Owner, spec.Role, spec.Scopes, spec.Models, spec.IpAllowlist, spec.Tier, spec.Limits,
            time.GetUtcNow(), spec.ExpiresAt, null, ApiKeySecrets.LastFour(secret), spec.Metadata, spec.Webhook);

        // The key row first: a secret row must never point at a key that does not exist.
        await keys.AddEntityAsync(ToEntity(key, hash), cancellationToken);
        await secrets.AddEntityAsync(new ApiKeySecretEntity { PartitionKey = hash, KeyId = key.Id }, cancellationToken);
        return (key, secret);
    }

    /// <summary>Reads a key by id.</summary>
    public async Task<ApiKeyRecord?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await ReadAsync(id, cancellationToken)) is { } entity ? ToRecord(entity) : null;

    /// <summary>Lists keys, of one owner or of all.</summary>
    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(string? owner, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var query = owner is null
            ? keys.QueryAsync<ApiKeyEntity>(cancellationToken: cancellationToken)
            : keys.QueryAsync<ApiKeyEntity>(e => e.Owner == owner, cancellationToken: cancellationToken);
        var list = new List<ApiKeyRecord>();
        await foreach (var entity in query)
        {
            list.Add(ToRecord(entity));
        }

        return list.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Applies <paramref name="change"/> to a key under optimistic concurrency; null when the key does not exist.</summary>
    public async Task<ApiKeyRecord?> UpdateAsync(string id, Func<ApiKeyRecord, ApiKeyRecord> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await ReadAsync(id, cancellationToken) is not { } entity)
            {
                return null;
            }

            var updated = change(ToRecord(entity));
            try
            {
                await keys.UpdateEntityAsync(ToEntity(updated, entity.SecretHash), entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return updated;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < MaxUpdateAttempts)
            {
                // Someone else changed the key between our read and write: apply the change again to their version.
            }
        }
    }

    /// <summary>Revokes a key at once (each instance's cache forgets it within <see cref="AuthOptions.CacheTtl"/>).</summary>
    public Task<ApiKeyRecord?> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return UpdateAsync(id, k => k with { RevokedAt = k.RevokedAt ?? now }, cancellationToken);
    }

    /// <summary>Issues a new secret for the same key id; the old one keeps working for <paramref name="grace"/>.</summary>
    public async Task<(ApiKeyRecord Key, string Secret)?> RotateAsync(string id, TimeSpan grace, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await ReadAsync(id, cancellationToken) is not { } entity || entity.RevokedAt is not null)
            {
                return null;
            }

            var secret = ApiKeySecrets.Generate();
            var hash = ApiKeySecrets.Hash(secret, Pepper);
            await secrets.AddEntityAsync(new ApiKeySecretEntity { PartitionKey = hash, KeyId = id }, cancellationToken);
            var rotated = ToRecord(entity) with { LastFour = ApiKeySecrets.LastFour(secret) };
            try
            {
                await keys.UpdateEntityAsync(ToEntity(rotated, hash), entity.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < MaxUpdateAttempts)
            {
                await secrets.DeleteEntityAsync(hash, string.Empty, cancellationToken: cancellationToken);
                continue;
            }

            var old = new ApiKeySecretEntity { PartitionKey = entity.SecretHash, KeyId = id, ValidUntil = time.GetUtcNow() + grace };
            await secrets.UpsertEntityAsync(old, TableUpdateMode.Replace, cancellationToken);
            return (rotated, secret);
        }
    }

    /// <summary>
    /// Finds the key a secret belongs to, by the secret's <see cref="ApiKeySecrets.Hash"/>, if the secret is live;
    /// says nothing about why not.
    /// </summary>
    public async Task<ApiKeyRecord?> FindBySecretHashAsync(string hash, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var row = await secrets.GetEntityIfExistsAsync<ApiKeySecretEntity>(hash, string.Empty, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is not { } secretRow || secretRow.ValidUntil <= time.GetUtcNow())
        {
            return null;
        }

        var entity = await ReadAsync(secretRow.KeyId, cancellationToken);
        var current = entity is not null && ApiKeySecrets.HashesEqual(entity.SecretHash, hash);
        return entity is null || (!current && secretRow.ValidUntil is null) ? null : ToRecord(entity);
    }

    private async Task<ApiKeyEntity?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsWellFormedId(id))
        {
            // Not an id this store issues (and "/" or "#" would be refused by Table storage as a key): no such key.
            return null;
        }

        await EnsureCreatedAsync();
        var row = await keys.GetEntityIfExistsAsync<ApiKeyEntity>(id, string.Empty, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>Whether <paramref name="id"/> has the shape of the ids <see cref="CreateAsync"/> makes (<c>key_</c> and 24 hex digits).</summary>
    internal static bool IsWellFormedId(string id) =>
        id.Length == 28 && id.StartsWith("key_", StringComparison.Ordinal) && !id.AsSpan(4).ContainsAnyExcept("0123456789abcdef");

    private Task EnsureCreatedAsync() => CreateOnce.EnsureAsync(ref created, () => Task.WhenAll(keys.CreateIfNotExistsAsync(), secrets.CreateIfNotExistsAsync()));

    private static ApiKeyEntity ToEntity(ApiKeyRecord key, string secretHash) => new()
    {
        PartitionKey = key.Id,
        Name = key.Name,
        Owner = key.Owner,
        Role = key.Role.ToWire(),
        ScopesJson = JsonSerializer.Serialize(key.Scopes.ToArray(), KeysJsonContext.Default.StringArray),
        ModelsJson = key.Models is null ? null : JsonSerializer.Serialize(key.Models.ToArray(), KeysJsonContext.Default.StringArray),
        IpAllowlistJson = JsonSerializer.Serialize(key.IpAllowlist.ToArray(), KeysJsonContext.Default.StringArray),
        Tier = key.Tier,
        LimitsJson = key.Limits is null ? null : JsonSerializer.Serialize(key.Limits, KeysJsonContext.Default.KeyLimits),
        CreatedAt = key.CreatedAt,
        ExpiresAt = key.ExpiresAt,
        RevokedAt = key.RevokedAt,
        LastFour = key.LastFour,
        MetadataJson = JsonSerializer.Serialize(key.Metadata.ToDictionary(), KeysJsonContext.Default.DictionaryStringString),
        SecretHash = secretHash,
        Webhook = key.Webhook,
    };

    private static ApiKeyRecord ToRecord(ApiKeyEntity e) => new(
        e.PartitionKey,
        e.Name,
        e.Owner,
        Roles.TryParse(e.Role, out var role) ? role : Role.Reader,
        JsonSerializer.Deserialize(e.ScopesJson, KeysJsonContext.Default.StringArray) ?? [],
        e.ModelsJson is null ? null : JsonSerializer.Deserialize(e.ModelsJson, KeysJsonContext.Default.StringArray),
        JsonSerializer.Deserialize(e.IpAllowlistJson, KeysJsonContext.Default.StringArray) ?? [],
        e.Tier,
        e.LimitsJson is null ? null : JsonSerializer.Deserialize(e.LimitsJson, KeysJsonContext.Default.KeyLimits),
        e.CreatedAt,
        e.ExpiresAt,
        e.RevokedAt,
        e.LastFour,
        JsonSerializer.Deserialize(e.MetadataJson, KeysJsonContext.Default.DictionaryStringString) ?? [],
        e.Webhook);
}
