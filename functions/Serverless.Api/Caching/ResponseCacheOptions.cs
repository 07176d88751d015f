using System.ComponentModel.DataAnnotations;

namespace Serverless.Api.Caching;

/// <summary>How the response cache keeps answers, bound from the <c>ResponseCache</c> section.</summary>
public sealed class ResponseCacheOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "ResponseCache";

    /// <summary>How long an answer is served from the cache after it was generated.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The bytes of answers each instance keeps in memory; past it, new answers are not kept there until old ones expire or are compacted away.</summary>
    [Range(1024, 16L * 1024 * 1024 * 1024)]
    public long MaxMemoryBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The largest answer kept; a larger one is served but not cached.</summary>
    [Range(256, 64 * 1024 * 1024)]
    public int MaxAnswerBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// A Redis connection string (Azure Cache for Redis) for the distributed layer every instance shares; none: each
    /// instance keeps its own answers in memory only (the local stack).
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>The longest a Redis read or write may take before it counts as a miss (or a skipped write).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30")]
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The prefix of this deployment's keys in Redis, so deployments can share one cache.</summary>
    [RegularExpression("^[A-Za-z0-9:_-]{0,64}$")]
    public string RedisKeyPrefix { get; set; } = "serverless-llm:";
}
