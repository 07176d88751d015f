using Serverless.OpenAI.Common;

namespace Serverless.Api.Caching;

/// <summary>Which generation requests the response cache may answer: those whose answer is whole and reproducible.</summary>
internal static class Determinism
{
    /// <summary>
    /// Whether <paramref name="request"/> asks for a whole answer that sampling cannot change: greedy
    /// (<c>temperature</c> 0) or seeded. A stream is never cached: a kept answer is whole, and replaying one as events
    /// would not be the stream the model produced.
    /// </summary>
    public static bool IsCacheable(IGenerationParameters request) =>
        request.Stream != true && (request.Temperature == 0 || request.Seed is not null);
}
