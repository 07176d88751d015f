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
public sealed partial class ResponseCache : IDisposable
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
        if (RedisOptions(settings, loggers.CreateLogger<ResponseCache>()) is { } redisOptions)
        {
            // A cache must never hold a request up: with Redis away, commands fail at once instead of waiting in the
            // client's backlog, and no read or write waits longer than RedisTimeout.
            redisOptions.AbortOnConnectFail = false;
            redisOptions.BacklogPolicy = BacklogPolicy.FailFast;
            redisOptions.AsyncTimeout = redisOptions.SyncTimeout = redisOptions.ConnectTimeout = (int)settings.RedisTimeout.TotalMilliseconds;
            services.AddStackExchangeRedisCache(redis => (redis.ConfigurationOptions, redis.InstanceName) = (redisOptions, settings.RedisKeyPrefix));
        }

        services.AddHybridCache(hybrid =>
        {
            hybrid.MaximumPayloadBytes = settings.MaxAnswerBytes + 4096; // the answer, its model and counts
            hybrid.DefaultEntryOptions = new HybridCacheEntryOptions { Expiration = settings.TimeToLive, LocalCacheExpiration = settings.TimeToLive };
        }).AddSerializer<CachedAnswer, CachedAnswerSerializer>();
        provider = services.BuildServiceProvider();
        cache = provider.GetRequiredService<HybridCache>();
        Distributed = provider.GetService<Microsoft.Extensions.Caching.Distributed.IDistributedCache>() is not null;
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

    /// <summary>
    /// The Redis connection <see cref="ResponseCacheOptions.Redis"/> describes, or null: none set, or one that cannot be
    /// used (a Key Vault reference Azure could not resolve, a string that does not parse), which is logged and leaves
    /// the cache in memory only rather than failing every request.
    /// </summary>
    private static ConfigurationOptions? RedisOptions(ResponseCacheOptions settings, ILogger logger)
    {
        if (string.IsNullOrWhiteSpace(settings.Redis))
        {
            return null;
        }

        if (settings.Redis.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal))
        {
            LogRedisUnusable(logger, "it is a Key Vault reference the platform did not resolve (does the secret exist, may the app's identity read it?)");
            return null;
        }

        try
        {
            return ConfigurationOptions.Parse(settings.Redis);
        }
        catch (ArgumentException)
        {
            LogRedisUnusable(logger, "it is not a Redis connection string"); // its text may hold a password: never logged
            return null;
        }
    }

    [LoggerMessage(EventId = 2300, Level = LogLevel.Error, Message = "ResponseCache:Redis is set but {Reason}; the response cache keeps answers in this instance's memory only")]
    private static partial void LogRedisUnusable(ILogger logger, string reason);
}
