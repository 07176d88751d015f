using System.Text.Json.Serialization;
using Serverless.OpenAI.Chat;
using Serverless.OpenAI.Completions;
using Serverless.OpenAI.Embeddings;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Models;

namespace Serverless.OpenAI.Serialization;

/// <summary>Source-generated JSON metadata for every wire type, in OpenAI's snake_case.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(CompletionRequest))]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(EmbeddingRequest))]
[JsonSerializable(typeof(Completion))]
[JsonSerializable(typeof(ChatCompletion))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(ChatTool))]
[JsonSerializable(typeof(EmbeddingList))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(Model))]
[JsonSerializable(typeof(ErrorBody))]
public sealed partial class OpenAIJsonContext : JsonSerializerContext;
