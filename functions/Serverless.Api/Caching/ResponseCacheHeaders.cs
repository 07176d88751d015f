namespace Serverless.Api.Caching;

/// <summary>The headers that say how an answer was served.</summary>
internal static class ResponseCacheHeaders
{
    /// <summary>On answers of requests the response cache considered: <see cref="Hit"/> or <see cref="Miss"/>.</summary>
    public const string Cache = "x-cache";

    /// <summary>Served from the cache.</summary>
    public const string Hit = "hit";

    /// <summary>Generated (and kept, when it could be).</summary>
    public const string Miss = "miss";
}
