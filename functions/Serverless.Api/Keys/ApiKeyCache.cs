using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Serverless.Api.Auth;

namespace Serverless.Api.Keys;

/// <summary>
/// Remembers key lookups, found and not found, for <see cref="AuthOptions.CacheTtl"/> so most requests cost no
/// storage round trip. That TTL bounds how long a revoked or changed key can still be honoured on an instance.
/// Entries are keyed by the secret's hash, never the secret; the caller hashes once (it compares the same hash
/// with the bootstrap key's). Found keys and unknown secrets are kept apart, each
/// bounded: a flood of made-up keys can only ever displace other made-up keys, never the valid ones.
/// </summary>
/// <param name="store">Where keys are looked up.</param>
/// <param name="options">The cache's time to live.</param>
/// <param name="time">The clock.</param>
/// <param name="maxMissing">The most unknown secrets remembered (tests set it low).</param>
public sealed class ApiKeyCache(ApiKeyStore store, IOptions<AuthOptions> options, TimeProvider time, int maxMissing = ApiKeyCache.MaxMissing)
{
    /// <summary>The most found keys remembered (a deployment with more live keys looks the rest up).</summary>
    internal const int MaxFound = 100_000;

    /// <summary>The most unknown secrets remembered.</summary>
    internal const int MaxMissing = 10_000;

    private readonly ConcurrentDictionary<string, Entry> found = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> missing = new(StringComparer.Ordinal);

    /// <summary>The numbers of found and unknown entries held now.</summary>
    internal (int Found, int Missing) Count => (found.Count, missing.Count);

    /// <summary>
    /// Answers from memory when a fresh entry exists for the secret's <paramref name="hash"/>: true with the live
    /// key, or true with null for a secret known to match no live key; false when only a lookup can tell.
    /// </summary>
    public bool TryGetCached(string hash, out ApiKeyRecord? key)
    {
        var now = time.GetUtcNow();
        if (found.TryGetValue(hash, out var entry) && entry.Expires > now)
        {
            key = entry.Key.IsActive(now) ? entry.Key : null;
            return true;
        }

        key = null;
        return missing.TryGetValue(hash, out var expires) && expires > now;
    }

    /// <summary>Finds the live key of a secret by its <paramref name="hash"/>, from the cache when fresh.</summary>
    public async Task<ApiKeyRecord?> FindAsync(string hash, CancellationToken cancellationToken)
    {
        if (TryGetCached(hash, out var cached))
        {
            return cached;
        }

        var key = await store.FindBySecretHashAsync(hash, cancellationToken);
        var now = time.GetUtcNow();
        var expires = now + options.Value.CacheTtl;
        if (key is null)
        {
            MakeRoom(missing, maxMissing, e => e, now);
            missing[hash] = expires;
            found.TryRemove(hash, out _);
            return null;
        }

        MakeRoom(found, MaxFound, e => e.Expires, now);
        found[hash] = new Entry(key, expires);
        missing.TryRemove(hash, out _);
        return key.IsActive(now) ? key : null;
    }

    /// <summary>Forgets everything this instance remembers (after an admin change made here).</summary>
    public void Clear()
    {
        found.Clear();
        missing.Clear();
    }

    /// <summary>
    /// When full, drops expired entries, and everything in that one dictionary if that frees less than a tenth: a
    /// full scan then buys at least a tenth of the room, so inserts stay cheap under a flood.
    /// </summary>
    private static void MakeRoom<T>(ConcurrentDictionary<string, T> entries, int max, Func<T, DateTimeOffset> expiry, DateTimeOffset now)
    {
        if (entries.Count < max)
        {
            return;
        }

        foreach (var (hash, entry) in entries)
        {
            if (expiry(entry) <= now)
            {
                entries.TryRemove(hash, out _);
            }
        }

        if (entries.Count >= max - (max / 10))
        {
            entries.Clear();
        }
    }

    private sealed record Entry(ApiKeyRecord Key, DateTimeOffset Expires);
}
