using Serverless.Inference;

namespace Serverless.Worker.Generation;

/// <summary>A generated token's log probability as the wire shows it: its text and UTF-8 bytes, and the alternatives'.</summary>
internal sealed record LoggedToken(string Text, double Logprob, byte[]? Bytes, IReadOnlyList<LoggedAlternative> Top)
{
    /// <summary>The texts of the engine's token ids, from the model's tokenizer.</summary>
    public static LoggedToken[]? From(GenerationModel model, IReadOnlyList<TokenLogprob>? logprobs) =>
        logprobs?.Select(t =>
        {
            var (text, bytes) = model.TokenText(t.TokenId);
            return new LoggedToken(text, t.Logprob, bytes, [.. t.Top.Select(a => LoggedAlternative.From(model, a))]);
        }).ToArray();
}
