namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>A tokenizer.json "normalizer": rewrites each stretch of text between added tokens before pre-tokenization.</summary>
internal abstract class Normalizer
{
    public abstract string Normalize(string text);
}
