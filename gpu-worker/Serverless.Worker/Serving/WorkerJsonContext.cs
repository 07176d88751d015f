using System.Text.Json.Serialization;

namespace Serverless.Worker.Serving;

/// <summary>Source-generated JSON metadata for the worker's own (non-OpenAI) answers.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(CallReport))]
internal sealed partial class WorkerJsonContext : JsonSerializerContext;
