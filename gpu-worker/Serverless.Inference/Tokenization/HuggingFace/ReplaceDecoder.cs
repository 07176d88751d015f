namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>"Replace": in each token, every match of the pattern becomes <c>content</c> (Llama 2 turns "▁" back into " ").</summary>
internal sealed class ReplaceDecoder(TextPattern pattern, string content) : Decoder
{
    public override List<string> DecodeChain(List<string> tokens) => [.. tokens.Select(t => pattern.Replace(t, content))];
}
