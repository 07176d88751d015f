namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>What happens to the matched delimiters when a piece is split (the Rust <c>SplitDelimiterBehavior</c>).</summary>
internal enum SplitBehavior
{
    Removed,
    Isolated,
    MergedWithPrevious,
    MergedWithNext,
    Contiguous,
}
