using System.Text;

namespace Serverless.Api.Quotas;

/// <summary>
/// An upper bound on a request's tokens for its reservation, made without a tokenizer: a byte-level BPE or
/// WordPiece token covers at least one UTF-8 byte, so a text's byte count (capped at the context length) bounds its
/// tokens; completions add max_tokens. Reserving the bound means settled usage never exceeds what was admitted.
/// </summary>
public readonly record struct TokenEstimate(long PromptTokens, long CompletionTokens)
{
    /// <summary>The whole reservation.</summary>
    public long Total => PromptTokens + CompletionTokens;

    /// <summary>The bound for one text, at most <paramref name="contextLength"/>.</summary>
    public static long ForText(string text, int contextLength) => Math.Min(Encoding.UTF8.GetByteCount(text), contextLength);
}
