namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>"Metaspace": the replacement back to spaces, except in the first token, where it is dropped unless the scheme is "never".</summary>
internal sealed class MetaspaceDecoder(string replacement, PrependScheme prependScheme) : Decoder
{
    public override List<string> DecodeChain(List<string> tokens) =>
        [.. tokens.Select((token, i) => token.Replace(replacement, i == 0 && prependScheme != PrependScheme.Never ? string.Empty : " ", StringComparison.Ordinal))];
}
