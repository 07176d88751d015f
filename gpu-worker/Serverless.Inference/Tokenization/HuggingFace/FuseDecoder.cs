namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>"Fuse": all tokens joined into one.</summary>
internal sealed class FuseDecoder : Decoder
{
    public override List<string> DecodeChain(List<string> tokens) => [string.Concat(tokens)];
}
