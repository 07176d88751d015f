using Serverless.Inference;

namespace Serverless.Worker.Generation;

/// <summary>One of the most likely tokens at a position, as the wire shows it.</summary>
internal sealed record LoggedAlternative(string Text, double Logprob, byte[]? Bytes)
{
    public static LoggedAlternative From(GenerationModel model, TokenAlternative alternative)
    {
        var (text, bytes) = model.TokenText(alternative.TokenId);
        return new LoggedAlternative(text, alternative.Logprob, bytes);
    }
}
