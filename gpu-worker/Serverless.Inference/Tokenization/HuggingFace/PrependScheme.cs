namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>When Metaspace puts a replacement in front of a piece: always, only at the start of the input, or never.</summary>
internal enum PrependScheme
{
    Always,
    First,
    Never,
}
