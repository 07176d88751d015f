using System.Text.Json.Serialization;

namespace Serverless.Api.Jobs.Http;

/// <summary>What an async request adds to the OpenAI body.</summary>
/// <param name="Webhook">A URL to call, signed, when the job ends.</param>
/// <param name="TimeoutSeconds">How long the job may take before it ends <c>expired</c>.</param>
internal sealed record AsyncJobFields(
    [property: JsonPropertyName("webhook")] string? Webhook,
    [property: JsonPropertyName("timeout_seconds")] double? TimeoutSeconds);
