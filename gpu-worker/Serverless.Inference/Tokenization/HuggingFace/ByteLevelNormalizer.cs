namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>"ByteLevel" as a normalizer: the text's UTF-8 bytes as GPT-2's stand-in characters, without any splitting.</summary>
internal sealed class ByteLevelNormalizer : Normalizer
{
    public override string Normalize(string text) => ByteLevelAlphabet.Encode(text);
}
