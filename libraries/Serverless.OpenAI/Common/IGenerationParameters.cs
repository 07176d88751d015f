namespace Serverless.OpenAI.Common;

/// <summary>The sampling and output parameters that completions and chat completions share.</summary>
public interface IGenerationParameters
{
    /// <summary>The model id.</summary>
    string? Model { get; }

    /// <summary>How many choices to generate.</summary>
    int? N { get; }

    /// <summary>Sampling temperature, 0 (greedy) to 2.</summary>
    double? Temperature { get; }

    /// <summary>Nucleus sampling mass, 0 to 1.</summary>
    double? TopP { get; }

    /// <summary>Keep only the k most likely tokens (0 = off); an extension OpenAI does not have.</summary>
    int? TopK { get; }

    /// <summary>Penalty per earlier occurrence of a token, -2 to 2.</summary>
    double? FrequencyPenalty { get; }

    /// <summary>Penalty for any earlier occurrence of a token, -2 to 2.</summary>
    double? PresencePenalty { get; }

    /// <summary>Up to four sequences that end generation.</summary>
    IReadOnlyList<string>? Stop { get; }

    /// <summary>Seed for reproducible sampling.</summary>
    long? Seed { get; }

    /// <summary>Whether to answer with server-sent events.</summary>
    bool? Stream { get; }

    /// <summary>Options of a streamed answer.</summary>
    StreamOptions? StreamOptions { get; }

    /// <summary>The caller's end-user id, for abuse tracking.</summary>
    string? User { get; }

    /// <summary>The most tokens to generate, whichever field the client used to say it.</summary>
    int? MaxOutputTokens { get; }

    /// <summary>The JSON name of the field that set <see cref="MaxOutputTokens"/>, for error messages.</summary>
    string MaxOutputTokensParam { get; }

    /// <summary>How many alternatives each generated token's log probability comes with, or null for no log probabilities.</summary>
    int? LogprobAlternatives { get; }
}
