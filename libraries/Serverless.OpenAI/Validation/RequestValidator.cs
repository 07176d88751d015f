using Serverless.OpenAI.Chat;
using Serverless.OpenAI.Common;
using Serverless.OpenAI.Completions;
using Serverless.OpenAI.Embeddings;
using Serverless.OpenAI.Errors;

namespace Serverless.OpenAI.Validation;

/// <summary>Checks parsed requests against OpenAI's rules; the first problem found is returned as a 400 naming the field.</summary>
public static class RequestValidator
{
    /// <summary>Most choices one request may ask for.</summary>
    public const int MaxChoices = 16;

    /// <summary>Most stop sequences one request may send (OpenAI's limit).</summary>
    public const int MaxStopSequences = 4;

    /// <summary>Most alternatives a chat token may list (<c>top_logprobs</c>, OpenAI's limit).</summary>
    public const int MaxTopLogprobs = 20;

    /// <summary>Most alternatives a completions token may list (<c>logprobs</c>, OpenAI's limit).</summary>
    public const int MaxCompletionLogprobs = 5;

    /// <summary>Most texts one embeddings request may send (OpenAI's limit).</summary>
    public const int MaxEmbeddingInputs = 2048;

    private static readonly HashSet<string> Roles = ["system", "developer", "user", "assistant", "tool"];

    /// <summary>Validates a completions request.</summary>
    public static ApiError? Validate(CompletionRequest request)
    {
        if (ValidateGeneration(request) is { } error)
        {
            return error;
        }

        if (request.Prompt is null || request.Prompt.Count == 0)
        {
            return Missing("prompt");
        }

        if (request.Logprobs is < 0 or > MaxCompletionLogprobs)
        {
            return OutOfRange("logprobs", $"between 0 and {MaxCompletionLogprobs}");
        }

        for (var i = 0; i < request.Prompt.Count; i++)
        {
            if (string.IsNullOrEmpty(request.Prompt[i]))
            {
                return ApiError.InvalidParameter(request.Prompt.Count == 1 ? "prompt" : $"prompt[{i}]", "The prompt must not be empty.");
            }
        }

        return request.Prompt.Count * (request.N ?? 1) > MaxChoices
            ? ApiError.InvalidParameter("n", $"Prompts times n must be at most {MaxChoices}.")
            : null;
    }

    /// <summary>Validates a chat completions request.</summary>
    public static ApiError? Validate(ChatCompletionRequest request)
    {
        if (ValidateGeneration(request) is { } error)
        {
            return error;
        }

        if (request.Messages is null || request.Messages.Count == 0)
        {
            return Missing("messages");
        }

        if (request.TopLogprobs is { } top && (top < 0 || top > MaxTopLogprobs))
        {
            return OutOfRange("top_logprobs", $"between 0 and {MaxTopLogprobs}");
        }

        if (request.TopLogprobs is not null && request.Logprobs != true)
        {
            return ApiError.InvalidParameter("top_logprobs", "top_logprobs is only allowed when logprobs is true.");
        }

        for (var i = 0; i < request.Messages.Count; i++)
        {
            var message = request.Messages[i];
            if (message is null)
            {
                return ApiError.InvalidParameter($"messages[{i}]", "Each message must be an object.");
            }

            if (message.Role is null || !Roles.Contains(message.Role))
            {
                return ApiError.InvalidParameter($"messages[{i}].role", $"'{message.Role}' is not a valid role; use one of system, developer, user, assistant, tool.");
            }

            if (message.Content is null && message.Role != "assistant")
            {
                return ApiError.InvalidParameter($"messages[{i}].content", "A message must have content.", "missing_required_parameter");
            }
        }

        if (ChatToolsValidator.Validate(request) is { } toolsError)
        {
            return toolsError;
        }

        return request.Messages.Any(m => m.Role is "user" or "system" or "developer" && !string.IsNullOrEmpty(m.Content))
            ? null
            : ApiError.InvalidParameter("messages", "The conversation must contain a non-empty user or system message.");
    }

    /// <summary>Validates an embeddings request.</summary>
    public static ApiError? Validate(EmbeddingRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Model))
        {
            return Missing("model");
        }

        if (request.Input is null || request.Input.Count == 0)
        {
            return Missing("input");
        }

        if (request.Input.Count > MaxEmbeddingInputs)
        {
            return ApiError.InvalidParameter("input", $"At most {MaxEmbeddingInputs} inputs may be sent at once.");
        }

        for (var i = 0; i < request.Input.Count; i++)
        {
            if (string.IsNullOrEmpty(request.Input[i]))
            {
                return ApiError.InvalidParameter(request.Input.Count == 1 ? "input" : $"input[{i}]", "The input must not be empty.");
            }
        }

        if (request.EncodingFormat is not (null or "float" or "base64"))
        {
            return ApiError.InvalidParameter("encoding_format", "encoding_format must be 'float' or 'base64'.");
        }

        return request.Dimensions is <= 0
            ? ApiError.InvalidParameter("dimensions", "dimensions must be a positive integer.")
            : null;
    }

    private static ApiError? ValidateGeneration(IGenerationParameters p)
    {
        if (string.IsNullOrWhiteSpace(p.Model))
        {
            return Missing("model");
        }

        return p switch
        {
            { Temperature: < 0 or > 2 } => OutOfRange("temperature", "between 0 and 2"),
            { TopP: < 0 or > 1 } => OutOfRange("top_p", "between 0 and 1"),
            { TopK: < 0 } => OutOfRange("top_k", "0 (off) or more"),
            { FrequencyPenalty: < -2 or > 2 } => OutOfRange("frequency_penalty", "between -2 and 2"),
            { PresencePenalty: < -2 or > 2 } => OutOfRange("presence_penalty", "between -2 and 2"),
            { N: < 1 or > MaxChoices } => OutOfRange("n", $"between 1 and {MaxChoices}"),
            { MaxOutputTokens: < 1 } => OutOfRange(p.MaxOutputTokensParam, "at least 1"),
            { Stop.Count: > MaxStopSequences } => ApiError.InvalidParameter("stop", $"At most {MaxStopSequences} stop sequences are allowed."),
            { Stop: { } stop } when stop.Any(string.IsNullOrEmpty) => ApiError.InvalidParameter("stop", "Stop sequences must not be empty."),
            { StreamOptions: not null, Stream: not true } => ApiError.InvalidParameter("stream_options", "stream_options is only allowed when stream is true."),
            _ => null,
        };
    }

    private static ApiError Missing(string param) =>
        ApiError.InvalidParameter(param, $"You must provide the '{param}' parameter.", "missing_required_parameter");

    private static ApiError OutOfRange(string param, string range) =>
        ApiError.InvalidParameter(param, $"'{param}' must be {range}.");
}
