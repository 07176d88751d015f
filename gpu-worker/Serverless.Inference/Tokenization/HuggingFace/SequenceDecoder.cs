namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>"Sequence": each decoder in turn.</summary>
internal sealed class SequenceDecoder(IReadOnlyList<Decoder> decoders) : Decoder
{
    public override List<string> DecodeChain(List<string> tokens)
    {
        foreach (var decoder in decoders)
        {
            tokens = decoder.DecodeChain(tokens);
        }

        return tokens;
    }
}
