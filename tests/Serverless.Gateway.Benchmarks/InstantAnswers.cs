using Microsoft.AspNetCore.Http;
using Serverless.OpenAI.Chat;
using Serverless.OpenAI.Common;
using Serverless.OpenAI.Completions;
using Serverless.OpenAI.Http;
using Serverless.OpenAI.Models;
using Serverless.OpenAI.Serialization;

namespace Serverless.Gateway.Benchmarks;

/// <summary>
/// The <see cref="InstantUpstream"/>'s answers, in the real worker's shapes: every completion is one token of text
/// with fixed usage, and a stream carries the worker's <c>: usage P C</c> comments, which the gateway bills from.
/// </summary>
internal static class InstantAnswers
{
    /// <summary>The one model served, named as the real worker's default so the same requests go to either.</summary>
    public const string ModelId = "gpt2-tiny";

    /// <summary>The prompt tokens every answer reports.</summary>
    public const int PromptTokens = 5;

    /// <summary>The completion tokens every answer reports.</summary>
    public const int CompletionTokens = 1;

    private const string Text = " hi";

    private static readonly ModelList Models = new([new Model(ModelId, 1_700_000_000, "serverless", ModelCapabilities.Generation, 1024, null)]);

    private static readonly Usage Billed = Usage.Of(PromptTokens, CompletionTokens);

    public static Task HealthAsync(HttpContext context) => context.Response.WriteAsync("""{"status":"ok"}""");

    public static Task ModelsAsync(HttpContext context) =>
        OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, Models, OpenAIJsonContext.Default.ModelList);

    public static async Task ChatAsync(HttpContext context)
    {
        var request = await context.Request.ReadFromJsonAsync(OpenAIJsonContext.Default.ChatCompletionRequest);
        var created = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        if (request?.Stream != true)
        {
            var answer = new ChatCompletion("chatcmpl-instant", created, ModelId, [new ChatChoice(0, new AssistantMessage(Text), "stop")], Billed);
            await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, answer, OpenAIJsonContext.Default.ChatCompletion);
            return;
        }

        var chunk = OpenAIJsonContext.Default.ChatCompletionChunk;
        var aborted = context.RequestAborted;
        var events = await ServerSentEvents.StartAsync(context.Response);
        await events.WriteAsync(Chunk([new ChatChunkChoice(0, new ChatDelta("assistant", string.Empty), null)], null), chunk, aborted, UsageComment.Format(PromptTokens, 0));
        await events.WriteAsync(Chunk([new ChatChunkChoice(0, new ChatDelta(null, Text), "stop")], null), chunk, aborted, UsageComment.Format(PromptTokens, CompletionTokens));
        if (request.StreamOptions?.IncludeUsage == true)
        {
            await events.WriteAsync(Chunk([], Billed), chunk, aborted);
        }

        await events.CompleteAsync(aborted);

        ChatCompletionChunk Chunk(IReadOnlyList<ChatChunkChoice> choices, Usage? usage) => new("chatcmpl-instant", created, ModelId, choices, usage);
    }

    public static async Task CompletionAsync(HttpContext context)
    {
        var request = await context.Request.ReadFromJsonAsync(OpenAIJsonContext.Default.CompletionRequest);
        var created = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var type = OpenAIJsonContext.Default.Completion;
        if (request?.Stream != true)
        {
            await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, Completion([new CompletionChoice(Text, 0, "stop")], Billed), type);
            return;
        }

        var aborted = context.RequestAborted;
        var events = await ServerSentEvents.StartAsync(context.Response);
        await events.WriteAsync(Completion([new CompletionChoice(Text, 0, "stop")], null), type, aborted, UsageComment.Format(PromptTokens, CompletionTokens));
        if (request.StreamOptions?.IncludeUsage == true)
        {
            await events.WriteAsync(Completion([], Billed), type, aborted);
        }

        await events.CompleteAsync(aborted);

        Completion Completion(IReadOnlyList<CompletionChoice> choices, Usage? usage) => new("cmpl-instant", created, ModelId, choices, usage);
    }
}
