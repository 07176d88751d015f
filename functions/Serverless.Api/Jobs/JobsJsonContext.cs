using System.Text.Json.Serialization;
using Serverless.Api.Jobs.Http;
using Serverless.Api.Quotas;

namespace Serverless.Api.Jobs;

/// <summary>JSON of the job API and of the jobs table's JSON columns.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JobObject))]
[JsonSerializable(typeof(JobList))]
[JsonSerializable(typeof(Reservation))]
[JsonSerializable(typeof(AsyncJobFields))]
[JsonSerializable(typeof(Dictionary<string, long>))]
internal sealed partial class JobsJsonContext : JsonSerializerContext;
