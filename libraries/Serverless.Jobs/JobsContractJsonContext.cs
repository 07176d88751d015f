using System.Text.Json.Serialization;

namespace Serverless.Jobs;

/// <summary>JSON of the queue messages and of batch chunks' lines, the same on both sides.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JobWorkMessage))]
[JsonSerializable(typeof(JobResultMessage))]
[JsonSerializable(typeof(BatchChunkLine))]
[JsonSerializable(typeof(BatchOutputLine))]
public sealed partial class JobsContractJsonContext : JsonSerializerContext;
