using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Serverless.Inference;
using Serverless.OpenAI.Chat;
using Serverless.Worker.Generation.Tools;
using Serverless.Worker.Telemetry;

namespace Serverless.Worker.Generation;

/// <summary>Runs every choice of a request at once, so the engine batches them, and gathers or merges their output.</summary>
internal static class ChoiceRunner
{
    /// <summary>
    /// Runs the choices to the end, or until <paramref name="call"/> is stopped, and returns them in index order (a
    /// stopped choice ends with what it had, finished by length).
    /// </summary>
    public static async Task<IReadOnlyList<ChoiceResult>> CollectAsync(GenerationModel model, IReadOnlyList<ChoiceJob> jobs, WorkerMetrics metrics, GenerationCall call)
    {
        var results = await Task.WhenAll(jobs.Select(async job =>
        {
            var text = new StringBuilder();
            var logprobs = job.Request.TopLogprobs is null ? null : new List<LoggedToken>();
            GenerationChunk? last = null;
            await foreach (var chunk in ObservedAsync(model, job, metrics, call))
            {
                text.Append(chunk.Text);
                logprobs?.AddRange(LoggedToken.From(model, chunk.Logprobs) ?? []);
                last = chunk;
            }

            var result = new ChoiceResult(job.Index, text.ToString(), last?.FinishReason ?? FinishReason.Length, last?.CompletionTokens ?? 0, logprobs);
            return job.Tools is { } tools && ReadCalls(result.Text, tools) is { Count: > 0 } calls
                ? result with { Text = string.Empty, ToolCalls = [.. calls.Select(c => new ToolCall(ToolCallIds.New(), "function", new FunctionCall(c.Name, c.Arguments)))] }
                : result;
        }));
        return results.OrderBy(r => r.Index).ToArray();
    }

    /// <summary>A whole output's calls: forced ones as far as they were generated (a cut-off call keeps what it had), others only when the output is wholly calls.</summary>
    private static IReadOnlyList<ParsedToolCall>? ReadCalls(string output, ToolCalling tools)
    {
        if (!tools.Forced)
        {
            return ToolCallParser.Parse(output, tools);
        }

        var reader = new ForcedCallReader();
        reader.Push(output);
        return reader.Calls;
    }

    /// <summary>Streams the pieces of every choice as the engine makes them, interleaved.</summary>
    public static async IAsyncEnumerable<ChoiceChunk> StreamAsync(
        GenerationModel model, IReadOnlyList<ChoiceJob> jobs, WorkerMetrics metrics, GenerationCall call, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (jobs.Count == 1)
        {
            await foreach (var piece in PiecesAsync(model, jobs[0], metrics, call).WithCancellation(cancellationToken))
            {
                yield return piece;
            }

            yield break;
        }

        var merged = Channel.CreateUnbounded<ChoiceChunk>(new UnboundedChannelOptions { SingleReader = true });
        var producers = Task.WhenAll(jobs.Select(async job =>
        {
            await foreach (var piece in PiecesAsync(model, job, metrics, call))
            {
                await merged.Writer.WriteAsync(piece, call.Token);
            }
        }));
        _ = producers.ContinueWith(t => merged.Writer.TryComplete(t.Exception?.GetBaseException()), TaskScheduler.Default);

        try
        {
            await foreach (var chunk in merged.Reader.ReadAllAsync(cancellationToken))
            {
                yield return chunk;
            }
        }
        finally
        {
            // A reader that stops early (client gone) must not leave choices generating.
            call.Cancel();
        }
    }

    /// <summary>
    /// One choice's pieces; the offset runs over the choice's token texts (completions' <c>text_offset</c>). A choice that
    /// may call tools goes through its <see cref="ToolCallStream"/>.
    /// </summary>
    private static async IAsyncEnumerable<ChoiceChunk> PiecesAsync(GenerationModel model, ChoiceJob job, WorkerMetrics metrics, GenerationCall call)
    {
        var offset = 0;
        var tools = job.Tools is null ? null : new ToolCallStream(job.Tools);
        await foreach (var chunk in ObservedAsync(model, job, metrics, call))
        {
            var logprobs = LoggedToken.From(model, chunk.Logprobs);
            var piece = new ChoiceChunk(job.Index, chunk.Text, chunk.CompletionTokens, chunk.FinishReason, logprobs, offset);
            offset += logprobs?.Sum(t => t.Text.Length) ?? 0;
            foreach (var shaped in tools?.Push(piece) ?? [piece])
            {
                yield return shaped;
            }
        }
    }

    /// <summary>
    /// One choice's chunks, timing its first token and counting its tokens however it ends. A stopped call ends the
    /// choice quietly: the caller reads what it generated from <paramref name="call"/>.
    /// </summary>
    private static async IAsyncEnumerable<GenerationChunk> ObservedAsync(GenerationModel model, ChoiceJob job, WorkerMetrics metrics, GenerationCall call)
    {
        var queued = Stopwatch.GetTimestamp();
        var tokens = 0;
        var chunks = model.GenerateAsync(job.Request, call.Token).GetAsyncEnumerator(call.Token);
        try
        {
            while (true)
            {
                try
                {
                    if (!await chunks.MoveNextAsync())
                    {
                        break;
                    }
                }
                catch (OperationCanceledException) when (call.Stopped)
                {
                    break;
                }

                var chunk = chunks.Current;
                if (tokens == 0 && chunk.CompletionTokens > 0)
                {
                    metrics.FirstToken(model.Manifest.Id, Stopwatch.GetElapsedTime(queued));
                }

                tokens = chunk.CompletionTokens;
                call.Report(job.Index, tokens);
                yield return chunk;
            }
        }
        finally
        {
            await chunks.DisposeAsync();
            metrics.TokensGenerated(model.Manifest.Id, tokens);
        }
    }
}
