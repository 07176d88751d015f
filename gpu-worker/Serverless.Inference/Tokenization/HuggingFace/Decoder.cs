namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>A tokenizer.json "decoder": rewrites the token strings of ids back toward text; the results are joined at the end.</summary>
internal abstract class Decoder
{
    public abstract List<string> DecodeChain(List<string> tokens);
}
