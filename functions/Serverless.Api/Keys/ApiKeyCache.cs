using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Serverless.Api.Auth;

namespace Serverless.Api.Keys;

/// <summary>
/// Remembers key lookups, found and not found, for <see cref="AuthOptions.CacheTtl"/> so most requests cost no
/// storage round trip. That TTL bounds how long a revoked or changed key can still be honoured on an instance.
/// Entries are keyed by the secret's hash, never the secret.
/// </summary>
public sealed class ApiKeyCache(ApiKeyStore store, IOptions<AuthOptions> options, TimeProvider time)
{
    private const int MaxEntries = 50_000;
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>Finds the live key of a secret, from the cache when fresh.</summary>
    public async Task<ApiKeyRecord?> FindBySecretAsync(string secret, CancellationToken cancellationToken)
    {
        var hash = ApiKeySecrets.Hash(secret, options.Value.KeyPepper!);
        var now = time.GetUtcNow();
        if (entries.TryGetValue(hash, out var cached) && cached.Expires > now)
        {
            return cached.Key is { } key && key.IsActive(now) ? key : null;
        }

        var found = await store.FindBySecretAsync(secret, cancellationToken);
        if (entries.Count >= MaxEntries)
        {
            // A flood of random keys must not grow memory without bound; starting over costs one read per key.
            entries.Clear();
        }

        entries[hash] = new Entry(found, now + options.Value.CacheTtl);
        return found is not null && found.IsActive(now) ? found : null;
    }

    /// <summary>Forgets everything this instance remembers (after an admin change made here).</summary>
    public void Clear() => entries.Clear();

    private sealed record Entry(ApiKeyRecord? Key, DateTimeOffset Expires);
}
