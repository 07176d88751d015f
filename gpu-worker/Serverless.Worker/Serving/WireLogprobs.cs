using Serverless.OpenAI.Chat;
using Serverless.OpenAI.Completions;
using Serverless.Worker.Generation;

namespace Serverless.Worker.Serving;

/// <summary>Generated tokens' log probabilities in OpenAI's two shapes: chat's per-token objects and completions' columns.</summary>
internal static class WireLogprobs
{
    public static ChatLogprobs? Chat(IReadOnlyList<LoggedToken>? tokens) => tokens is null
        ? null
        : new ChatLogprobs([.. tokens.Select(t => new ChatTokenLogprob(
            t.Text, t.Logprob, Bytes(t.Bytes), [.. t.Top.Select(a => new ChatTopLogprob(a.Text, a.Logprob, Bytes(a.Bytes)))]))]);

    /// <summary>The columns, <c>text_offset</c> counting from <paramref name="offset"/> (where the first token's text starts).</summary>
    public static CompletionLogprobs? Completion(IReadOnlyList<LoggedToken>? tokens, int offset)
    {
        if (tokens is null)
        {
            return null;
        }

        var offsets = new int[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            offsets[i] = offset;
            offset += tokens[i].Text.Length;
        }

        // Two alternatives can decode to the same text (a byte-level token and its neighbour): the likelier one is kept.
        return new CompletionLogprobs(
            [.. tokens.Select(t => t.Text)],
            [.. tokens.Select(t => t.Logprob)],
            [.. tokens.Select(t => (IReadOnlyDictionary<string, double>)t.Top.DistinctBy(a => a.Text).ToDictionary(a => a.Text, a => a.Logprob))],
            offsets);
    }

    private static int[]? Bytes(byte[]? bytes) => bytes is null ? null : Array.ConvertAll(bytes, b => (int)b);
}
