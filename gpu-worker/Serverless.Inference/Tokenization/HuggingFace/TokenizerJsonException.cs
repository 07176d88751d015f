namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>A tokenizer.json this reader cannot use: <see cref="Field"/> is the JSON path, <see cref="Reason"/> what is wrong there.</summary>
internal sealed class TokenizerJsonException(string field, string reason) : Exception($"tokenizer.json {field}: {reason}")
{
    public string Field { get; } = field;

    public string Reason { get; } = reason;
}
