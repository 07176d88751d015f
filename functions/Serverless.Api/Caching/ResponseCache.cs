using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Serverless.Api.Caching;

/// <summary>
/// Answers kept for exact repeats of deterministic requests: a <see cref="HybridCache"/> in memory, bounded to
/// <see cref="ResponseCacheOptions.MaxMemoryBytes"/>, over Redis when <see cref="ResponseCacheOptions.Redis"/> is set.
/// </summary>
/// <remarks>
/// The cache gets its own memory cache and service provider, so its size limit binds only its own entries (a shared
/// <c>IMemoryCache</c> with a size limit would refuse every other user's unsized entries). Redis trouble is a miss
/// and a skipped write, never a failed request.
/// </remarks>
public sealed class ResponseCache : IDisposable
{
    private readonly ServiceProvider provider;
    private readonly HybridCache cache;
    private readonly HybridCacheEntryOptions lookup;
    private readonly HybridCacheEntryOptions store;
    private readonly int maxAnswerBytes;

    public ResponseCache(IOptions<ResponseCacheOptions> options, ILoggerFactory loggers, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        maxAnswerBytes = settings.MaxAnswerBytes;
        var services = new ServiceCollection()
            .AddSingleton(loggers)
            .AddSingleton(time)
            .AddMemoryCache(memory => memory.SizeLimit = settings.MaxMemoryBytes);
        if (!string.IsNullOrWhiteSpace(settings.Redis))
        {
            // A cache must never hold a request up: with Redis away, commands fail at once instead of waiting in the
            // client's backlog, and no read or write waits longer than RedisTimeout.
            var redisOptions = ConfigurationOptions.Parse(settings.Redis);
            redisOptions.AbortOnConnectFail = false;
            redisOptions.BacklogPolicy = BacklogPolicy.FailFast;
            redisOptions.AsyncTimeout = redisOptions.SyncTimeout = (int)settings.RedisTimeout.TotalMilliseconds;
            services.AddStackExchangeRedisCache(redis => (redis.ConfigurationOptions, redis.InstanceName) = (redisOptions, settings.RedisKeyPrefix));
        }

        services.AddHybridCache(hybrid =>
        {
            hybrid.MaximumPayloadBytes = settings.MaxAnswerBytes + 4096; // the answer, its model and counts
            hybrid.DefaultEntryOptions = new HybridCacheEntryOptions { Expiration = settings.TimeToLive, LocalCacheExpiration = settings.TimeToLive };
        }).AddSerializer<CachedAnswer, CachedAnswerSerializer>();
        provider = services.BuildServiceProvider();
        cache = provider.GetRequiredService<HybridCache>();
        Distributed = !string.IsNullOrWhiteSpace(settings.Redis);
        lookup = new HybridCacheEntryOptions { Expiration = settings.TimeToLive, LocalCacheExpiration = settings.TimeToLive, Flags = HybridCacheEntryFlags.DisableUnderlyingData };
        store = new HybridCacheEntryOptions { Expiration = settings.TimeToLive, LocalCacheExpiration = settings.TimeToLive };
    }

    /// <summary>Whether answers are shared through Redis (otherwise each instance keeps its own).</summary>
    public bool Distributed { get; }

    /// <summary>
    /// The answer kept under <paramref name="key"/>, or null. Not cancellable on purpose: a cancellable miss is handed
    /// to the thread pool and awaited, a hop that cost more than the lookup under load; a memory miss completes at
    /// once, and a Redis read is bounded by the client's own timeout.
    /// </summary>
    public ValueTask<CachedAnswer?> GetAsync(ResponseCacheKey key) =>
        cache.GetOrCreateAsync<CachedAnswer?>(key.Value, static _ => default, lookup, cancellationToken: CancellationToken.None);

    /// <summary>Keeps <paramref name="answer"/> under <paramref name="key"/>; false when it is too large to keep.</summary>
    public async ValueTask<bool> SetAsync(ResponseCacheKey key, CachedAnswer answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Body.Length > maxAnswerBytes)
        {
            return false;
        }

        await cache.SetAsync(key.Value, answer, store, cancellationToken: cancellationToken);
        return true;
    }

    public void Dispose() => provider.Dispose();
}
