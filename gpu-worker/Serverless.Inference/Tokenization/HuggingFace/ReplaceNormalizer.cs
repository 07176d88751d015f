namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>"Replace": every match of the pattern becomes <c>content</c>, taken literally.</summary>
internal sealed class ReplaceNormalizer(TextPattern pattern, string content) : Normalizer
{
    public override string Normalize(string text) => pattern.Replace(text, content);
}
