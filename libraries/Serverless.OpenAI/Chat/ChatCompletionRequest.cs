using System.Text.Json.Serialization;
using Serverless.OpenAI.Common;

namespace Serverless.OpenAI.Chat;

/// <summary>The body of <c>POST /v1/chat/completions</c>.</summary>
public sealed record ChatCompletionRequest : IGenerationParameters
{
    /// <inheritdoc />
    public string? Model { get; init; }

    /// <summary>The conversation so far.</summary>
    public IReadOnlyList<ChatMessage>? Messages { get; init; }

    /// <summary>The most tokens to generate (the older field).</summary>
    public int? MaxTokens { get; init; }

    /// <summary>The most tokens to generate (the newer field, which the official SDKs send).</summary>
    public int? MaxCompletionTokens { get; init; }

    /// <inheritdoc />
    public int? N { get; init; }

    /// <inheritdoc />
    public double? Temperature { get; init; }

    /// <inheritdoc />
    public double? TopP { get; init; }

    /// <inheritdoc />
    public int? TopK { get; init; }

    /// <inheritdoc />
    public double? FrequencyPenalty { get; init; }

    /// <inheritdoc />
    public double? PresencePenalty { get; init; }

    /// <inheritdoc />
    [JsonConverter(typeof(StringListConverter))]
    public IReadOnlyList<string>? Stop { get; init; }

    /// <inheritdoc />
    public long? Seed { get; init; }

    /// <inheritdoc />
    public bool? Stream { get; init; }

    /// <inheritdoc />
    public StreamOptions? StreamOptions { get; init; }

    /// <inheritdoc />
    public string? User { get; init; }

    /// <summary>Whether to return each generated token's log probability.</summary>
    public bool? Logprobs { get; init; }

    /// <summary>How many of the most likely tokens to list at each position (0–20); needs <see cref="Logprobs"/>.</summary>
    public int? TopLogprobs { get; init; }

    /// <summary>Functions the model may call.</summary>
    public IReadOnlyList<ChatTool>? Tools { get; init; }

    /// <summary>Whether and which tool the model must call; <c>auto</c> when tools are given, else <c>none</c>.</summary>
    public ToolChoice? ToolChoice { get; init; }

    /// <summary>Whether one answer may call several tools (default true).</summary>
    public bool? ParallelToolCalls { get; init; }

    /// <summary>The shape the answer must take: free text, any JSON object, or a document valid against a JSON schema.</summary>
    public ResponseFormat? ResponseFormat { get; init; }

    /// <inheritdoc />
    [JsonIgnore]
    public int? LogprobAlternatives => Logprobs == true ? TopLogprobs ?? 0 : null;

    /// <inheritdoc />
    [JsonIgnore]
    public int? MaxOutputTokens => MaxCompletionTokens ?? MaxTokens;

    /// <inheritdoc />
    [JsonIgnore]
    public string MaxOutputTokensParam => MaxCompletionTokens is null ? "max_tokens" : "max_completion_tokens";
}
