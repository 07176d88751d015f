namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>"BPEDecoder": the end-of-word suffix becomes a space, except in the last token, where it goes.</summary>
internal sealed class BpeDecoder(string suffix) : Decoder
{
    public override List<string> DecodeChain(List<string> tokens) =>
        [.. tokens.Select((token, i) => suffix.Length == 0 ? token : token.Replace(suffix, i == tokens.Count - 1 ? string.Empty : " ", StringComparison.Ordinal))];
}
