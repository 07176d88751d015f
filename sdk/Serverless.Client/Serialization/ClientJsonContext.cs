using System.Text.Json.Serialization;
using Serverless.Client.Errors;
using Serverless.Client.Jobs;
using Serverless.Client.Usage;

namespace Serverless.Client.Serialization;

/// <summary>Source-generated JSON of the API's records: snake_case, as the API writes them.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(AsyncJob))]
[JsonSerializable(typeof(AsyncJobList))]
[JsonSerializable(typeof(UsageReport))]
[JsonSerializable(typeof(QuotaReport))]
[JsonSerializable(typeof(ErrorEnvelope))]
internal sealed partial class ClientJsonContext : JsonSerializerContext;
