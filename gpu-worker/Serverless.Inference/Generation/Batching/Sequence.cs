using System.Threading.Channels;
using Serverless.Inference.Constraints.Masking;
using Serverless.Inference.Generation.Sampling;
using Serverless.Inference.Generation.Streaming;

namespace Serverless.Inference.Generation.Batching;

/// <summary>
/// One request in flight. The scheduler thread owns everything here except <see cref="Abandon"/>,
/// which the consumer calls when it stops listening (cancellation or an early break).
/// </summary>
internal sealed class Sequence(
    GenerationRequest request,
    CompletionText text,
    IReadOnlySet<int> eosTokenIds,
    ChannelWriter<GenerationChunk> output,
    Action<int>? tokenObserver,
    ConstraintMatcher? constraint = null)
{
    private readonly TokenSampler sampler = new(request.Sampling);
    private readonly List<TokenLogprob>? pendingLogprobs = request.TopLogprobs is null ? null : [];
    private float[] logprobScratch = [];
    private float[] maskedLogits = [];
    private volatile bool abandoned;

    public GenerationRequest Request { get; } = request;

    public int Generated { get; private set; }

    /// <summary>The last sampled token: the next forward pass's input for this row.</summary>
    public int NextInput { get; private set; }

    /// <summary>Where this sequence's keys and values are now: its prefill cache, or a row of the batch cache.</summary>
    public KvRow Cache { get; set; }

    public bool IsAbandoned => abandoned;

    public void Abandon() => abandoned = true;

    /// <summary>Draws the next token from this row's logits (and its log probabilities when asked); touches nothing but this sequence.</summary>
    public int Sample(ReadOnlySpan<float> logits)
    {
        if (constraint is not null)
        {
            // Masked before penalties, temperature and the cuts, so sampling and logprobs both see only what the grammar allows.
            if (maskedLogits.Length != logits.Length)
            {
                maskedLogits = new float[logits.Length];
            }

            constraint.Mask(logits, maskedLogits, Request.MaxTokens - Generated);
            logits = maskedLogits;
        }

        var token = sampler.Next(logits);
        pendingLogprobs?.Add(LogSoftmax.Of(logits, token, Request.TopLogprobs!.Value, ref logprobScratch));
        return token;
    }

    /// <summary>Takes a sampled token: streams its text and says whether the sequence is finished.</summary>
    public bool Accept(int token)
    {
        Generated++;
        NextInput = token;
        tokenObserver?.Invoke(token);

        if (eosTokenIds.Contains(token))
        {
            return Finish(text.Finish(), FinishReason.Stop);
        }

        constraint?.Advance(token);
        var piece = text.Push(token);
        if (text.Stopped)
        {
            return Finish(piece, FinishReason.Stop);
        }

        if (constraint is { IsComplete: true })
        {
            return Finish(piece + text.Finish(), FinishReason.Stop);
        }

        if (Generated >= Request.MaxTokens)
        {
            var tail = text.Finish();
            return Finish(piece + tail, text.Stopped ? FinishReason.Stop : FinishReason.Length);
        }

        if (piece.Length > 0)
        {
            output.TryWrite(new GenerationChunk(piece, Generated, null, TakeLogprobs()));
        }

        return false;
    }

    /// <summary>Ends the stream as cancelled: the consumer has gone, or asked to stop.</summary>
    public void Cancel() => output.TryComplete(new OperationCanceledException());

    public void Fail(Exception error) => output.TryComplete(error);

    private TokenLogprob[]? TakeLogprobs()
    {
        if (pendingLogprobs is null)
        {
            return null;
        }

        var taken = pendingLogprobs.ToArray();
        pendingLogprobs.Clear();
        return taken;
    }

    private bool Finish(string piece, FinishReason reason)
    {
        output.TryWrite(new GenerationChunk(piece, Generated, reason, TakeLogprobs()));
        output.TryComplete();
        return true;
    }
}
