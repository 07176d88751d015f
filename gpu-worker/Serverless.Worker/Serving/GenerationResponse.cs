using Microsoft.AspNetCore.Http;
using Serverless.Inference;
using Serverless.OpenAI.Common;
using Serverless.OpenAI.Http;
using Serverless.Worker.Generation;
using Serverless.Worker.Telemetry;

namespace Serverless.Worker.Serving;

/// <summary>
/// Runs a planned generation and answers it, whole or streamed, in any endpoint's wire shape: the one algorithm
/// behind <c>/v1/completions</c> and <c>/v1/chat/completions</c>. Every chunk carries the usage so far as an SSE
/// comment, so a gateway that loses the client still knows what to bill; a whole answer the client left is never
/// written (the gateway asks the call what it generated).
/// </summary>
internal static class GenerationResponse
{
    /// <summary>Generates <paramref name="plan"/> with <paramref name="model"/> and writes the answer.</summary>
    public static async Task WriteAsync<TAnswer, TChunk>(
        HttpContext context,
        IGenerationWire<TAnswer, TChunk> wire,
        GenerationModel model,
        GenerationPlan plan,
        IGenerationParameters request,
        ResponseHeader header,
        GenerationCall call,
        WorkerMetrics metrics)
    {
        var aborted = context.RequestAborted;
        if (request.Stream != true)
        {
            var results = await ChoiceRunner.CollectAsync(model, plan.Jobs, metrics, call);
            aborted.ThrowIfCancellationRequested();
            var answer = wire.Answer(header, results, Usage.Of(plan.PromptTokens, results.Sum(r => r.CompletionTokens)));
            await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, answer, wire.AnswerType);
            return;
        }

        var events = await ServerSentEvents.StartAsync(context.Response);
        foreach (var opening in wire.Opening(header, plan.Jobs))
        {
            await events.WriteAsync(opening, wire.ChunkType, aborted, UsageComment.Format(plan.PromptTokens, 0));
        }

        var tokens = new int[plan.Jobs.Count];
        await foreach (var piece in ChoiceRunner.StreamAsync(model, plan.Jobs, metrics, call, aborted))
        {
            tokens[piece.Index] = piece.CompletionTokens;
            await events.WriteAsync(wire.Chunk(header, piece), wire.ChunkType, aborted, UsageComment.Format(plan.PromptTokens, tokens.Sum()));
        }

        if (request.StreamOptions?.IncludeUsage == true)
        {
            await events.WriteAsync(wire.UsageChunk(header, Usage.Of(plan.PromptTokens, tokens.Sum())), wire.ChunkType, aborted);
        }

        await events.CompleteAsync(aborted);
    }
}
