using System.Text.Json.Serialization;

namespace Serverless.Jobs;

/// <summary>JSON of the queue messages, the same on both sides.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JobWorkMessage))]
[JsonSerializable(typeof(JobResultMessage))]
public sealed partial class JobsContractJsonContext : JsonSerializerContext;
