using System.Text.Json.Serialization;

namespace Serverless.Api.Files;

/// <summary>JSON of the Files API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FileObject))]
[JsonSerializable(typeof(FileList))]
[JsonSerializable(typeof(FileDeleted))]
internal sealed partial class FilesJsonContext : JsonSerializerContext;
