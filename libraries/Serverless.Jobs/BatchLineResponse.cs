using System.Text.Json;

namespace Serverless.Jobs;

/// <summary>The answer to one batch line.</summary>
/// <param name="StatusCode">Its HTTP status.</param>
/// <param name="RequestId">Its request id.</param>
/// <param name="Body">The OpenAI-shaped body (an error object for a non-2xx status).</param>
public sealed record BatchLineResponse(int StatusCode, string RequestId, JsonElement Body);
