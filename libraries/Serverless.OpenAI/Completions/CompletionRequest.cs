using System.Text.Json.Serialization;
using Serverless.OpenAI.Common;

namespace Serverless.OpenAI.Completions;

/// <summary>The body of <c>POST /v1/completions</c>.</summary>
public sealed record CompletionRequest : IGenerationParameters
{
    /// <inheritdoc />
    public string? Model { get; init; }

    /// <summary>The prompt, or several prompts (one choice set each).</summary>
    [JsonConverter(typeof(StringListConverter))]
    public IReadOnlyList<string>? Prompt { get; init; }

    /// <summary>The most tokens to generate (OpenAI's default for completions is 16).</summary>
    public int? MaxTokens { get; init; }

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

    /// <summary>Echo the prompt before the completion.</summary>
    public bool? Echo { get; init; }

    /// <summary>Return each generated token's log probability with this many of the most likely tokens (0–5).</summary>
    public int? Logprobs { get; init; }

    /// <inheritdoc />
    [JsonIgnore]
    public int? LogprobAlternatives => Logprobs;

    /// <inheritdoc />
    [JsonIgnore]
    public int? MaxOutputTokens => MaxTokens;

    /// <inheritdoc />
    [JsonIgnore]
    public string MaxOutputTokensParam => "max_tokens";
}
