namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>"Prepend": puts <c>prepend</c> before any non-empty text (Llama 2 and Mistral put "▁" there).</summary>
internal sealed class PrependNormalizer(string prepend) : Normalizer
{
    public override string Normalize(string text) => text.Length == 0 ? text : prepend + text;
}
