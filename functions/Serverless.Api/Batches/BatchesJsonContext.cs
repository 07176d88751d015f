using System.Text.Json.Serialization;

namespace Serverless.Api.Batches;

/// <summary>JSON of the Batch API, of its table columns and of the lines it reads and writes.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BatchObject))]
[JsonSerializable(typeof(BatchList))]
[JsonSerializable(typeof(BatchCreateRequest))]
[JsonSerializable(typeof(BatchCaller))]
[JsonSerializable(typeof(List<BatchError>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(BatchInputLine))]
internal sealed partial class BatchesJsonContext : JsonSerializerContext;
