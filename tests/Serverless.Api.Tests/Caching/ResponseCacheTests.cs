using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Api.Caching;
using Serverless.Testing;

namespace Serverless.Api.Tests.Caching;

public sealed class ResponseCacheTests
{
    private static readonly byte[] Request = """{"model":"gpt2-tiny","prompt":["x"],"temperature":0}"""u8.ToArray();

    [Fact]
    public void AnAnswer_RoundTripsThroughItsBytes()
    {
        var serializer = new CachedAnswerSerializer();
        var answer = new CachedAnswer("model/é", "dep-1", 12, 34, Encoding.UTF8.GetBytes("""{"id":"x","choices":[]}"""));
        var buffer = new ArrayBufferWriter<byte>();

        serializer.Serialize(answer, buffer);
        var read = serializer.Deserialize(new ReadOnlySequence<byte>(buffer.WrittenMemory));

        Assert.Equal((answer.Model, answer.ServedBy, answer.PromptTokens, answer.CompletionTokens), (read.Model, read.ServedBy, read.PromptTokens, read.CompletionTokens));
        Assert.Equal(answer.Body, read.Body);
        var noDeployment = new CachedAnswer("m", null, 0, 0, []);
        buffer.Clear();
        serializer.Serialize(noDeployment, buffer);
        Assert.Null(serializer.Deserialize(new ReadOnlySequence<byte>(buffer.WrittenMemory)).ServedBy);
        Assert.Throws<InvalidDataException>(() => serializer.Deserialize(new ReadOnlySequence<byte>(buffer.WrittenMemory[..^2])));
    }

    [Fact]
    public void TheKey_SeparatesOwnersRoutesModelsAndRequests_AndRevealsNone()
    {
        var key = ResponseCacheKey.For("tenant-a", "v1/completions", "gpt2-tiny", Request);

        Assert.Equal(key, ResponseCacheKey.For("tenant-a", "v1/completions", "gpt2-tiny", Request));
        Assert.NotEqual(key, ResponseCacheKey.For("tenant-b", "v1/completions", "gpt2-tiny", Request));
        Assert.NotEqual(key, ResponseCacheKey.For("tenant-a", "v1/chat/completions", "gpt2-tiny", Request));
        Assert.NotEqual(key, ResponseCacheKey.For("tenant-a", "v1/completions", "llama-tiny", Request));
        Assert.NotEqual(key, ResponseCacheKey.For("tenant-a", "v1/completions", "gpt2-tiny", Request.AsSpan(1)));
        // Parts cannot run into each other: ("ab", "c") is not ("a", "bc").
        Assert.NotEqual(ResponseCacheKey.For("ab", "c", "m", Request), ResponseCacheKey.For("a", "bc", "m", Request));
        Assert.DoesNotContain("tenant-a", key.Value, StringComparison.Ordinal);
        Assert.Matches("^answer:[0-9a-f]{64}$", key.Value);
    }

    [Theory]
    [InlineData(null, true, true)]
    [InlineData("no-cache", false, true)]
    [InlineData("no-store", false, false)]
    [InlineData("max-age=0, no-cache", false, true)]
    [InlineData("max-age=60", true, true)]
    [InlineData("@@@ not a header", true, true)]
    public void CacheControl_SaysWhatTheCacheMayDo(string? header, bool mayRead, bool mayWrite)
    {
        var context = new DefaultHttpContext();
        if (header is not null)
        {
            context.Request.Headers.CacheControl = header;
        }

        Assert.Equal(new CacheDirective(mayRead, mayWrite), CacheDirective.Of(context.Request));
    }

    [Fact]
    public async Task AKeptAnswer_IsReturned_UntilItsTimeToLive()
    {
        using var cache = Create(new ResponseCacheOptions { TimeToLive = TimeSpan.FromSeconds(1) });
        var key = ResponseCacheKey.For("o", "r", "m", Request);

        Assert.Null(await cache.GetAsync(key));
        Assert.True(await cache.SetAsync(key, new CachedAnswer("m", null, 1, 2, [1, 2, 3]), CancellationToken.None));
        var hit = await cache.GetAsync(key);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var expired = await cache.GetAsync(key);

        Assert.Equal([1, 2, 3], hit?.Body);
        Assert.Null(expired);
        Assert.False(cache.Distributed);
    }

    [Fact]
    public async Task AnAnswerLargerThanTheBound_IsServedButNotKept()
    {
        using var cache = Create(new ResponseCacheOptions { MaxAnswerBytes = 1024 });
        var key = ResponseCacheKey.For("o", "r", "m", Request);

        Assert.False(await cache.SetAsync(key, new CachedAnswer("m", null, 1, 2, new byte[1025]), CancellationToken.None));
        Assert.Null(await cache.GetAsync(key));
    }

    [Fact]
    public async Task TheMemoryKept_StaysWithinItsBound_HoweverManyAnswersCome()
    {
        // 2,000 answers of 4 KiB (8 MiB) into a cache bounded to 1 MiB: at most 256 of them can be kept at once.
        const int bound = 1024 * 1024, size = 4096, count = 2000;
        using var cache = Create(new ResponseCacheOptions { MaxMemoryBytes = bound });
        var keys = Enumerable.Range(0, count).Select(i => ResponseCacheKey.For("o", "r", "m", Encoding.UTF8.GetBytes($"request {i}"))).ToArray();

        foreach (var key in keys)
        {
            await cache.SetAsync(key, new CachedAnswer("m", null, 1, 1, new byte[size]), CancellationToken.None);
        }

        var kept = 0;
        foreach (var key in keys)
        {
            kept += await cache.GetAsync(key) is null ? 0 : 1;
        }

        Assert.InRange(kept, 1, bound / size);
    }

    [Fact]
    public async Task WithRedis_OneInstancesAnswer_IsAnothersHit_AndRedisGoneIsAMissNotAFailure()
    {
        await using var redis = await RedisServer.StartAsync(); // stopped midway too; never left running if an assertion fails
        // A timeout long enough for a loaded machine to connect: a call made before the connection is up fails fast (a miss).
        var options = new ResponseCacheOptions { Redis = redis.ConnectionString, RedisKeyPrefix = $"test-{Guid.NewGuid():N}:", RedisTimeout = TimeSpan.FromSeconds(10) };
        using var first = Create(options);
        using var second = Create(options);
        var key = ResponseCacheKey.For("o", "r", "m", Request);

        await first.SetAsync(key, new CachedAnswer("m", "dep", 5, 6, [7, 8]), CancellationToken.None);
        var shared = await second.GetAsync(key);

        Assert.True(second.Distributed);
        Assert.Equal(("m", "dep", 5, 6), (shared?.Model, shared?.ServedBy, shared?.PromptTokens, shared?.CompletionTokens));
        Assert.Equal([7, 8], shared?.Body);

        // Redis goes away: writes are logged, not thrown, and each instance still serves from its own memory.
        await redis.DisposeAsync();
        var other = ResponseCacheKey.For("o", "r", "m", "another"u8);
        await second.SetAsync(other, new CachedAnswer("m", null, 1, 1, [1]), CancellationToken.None);
        Assert.NotNull(await second.GetAsync(other));

        // An instance that starts while Redis is away misses and carries on. (HybridCache counts everything it held
        // before its first Redis read failed as invalidated, so that instance's first moments are misses too.)
        using var third = Create(new ResponseCacheOptions { Redis = options.Redis, RedisKeyPrefix = options.RedisKeyPrefix });
        Assert.Null(await third.GetAsync(other));
        await third.SetAsync(other, new CachedAnswer("m", null, 1, 1, [1]), CancellationToken.None);
    }

    [Theory]
    [InlineData("@Microsoft.KeyVault(VaultName=kv-x;SecretName=redis-connection)")]
    [InlineData("127.0.0.1:1,password=hunter2,unknownoption=1,=")]
    public async Task AnUnusableRedisSetting_LeavesTheCacheInMemory_AndSaysSoWithoutTheSetting(string setting)
    {
        var logs = new LogCollector();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(logs));
        using var cache = new ResponseCache(Options.Create(new ResponseCacheOptions { Redis = setting }), loggers, TimeProvider.System);
        var key = ResponseCacheKey.For("o", "r", "m", Request);

        await cache.SetAsync(key, new CachedAnswer("m", null, 1, 1, [1]), CancellationToken.None);

        Assert.False(cache.Distributed);
        Assert.NotNull(await cache.GetAsync(key));
        var line = Assert.Single(logs.Lines, l => l.Contains("ResponseCache:Redis", StringComparison.Ordinal));
        Assert.DoesNotContain("hunter2", line, StringComparison.Ordinal);
        Assert.DoesNotContain("kv-x", line, StringComparison.Ordinal);
    }

    private static ResponseCache Create(ResponseCacheOptions options) =>
        new(Options.Create(options), NullLoggerFactory.Instance, TimeProvider.System);

    /// <summary>Every line logged, formatted.</summary>
    private sealed class LogCollector : ILoggerProvider, ILogger
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue(formatter(state, exception) + exception);

        public void Dispose()
        {
        }
    }
}
