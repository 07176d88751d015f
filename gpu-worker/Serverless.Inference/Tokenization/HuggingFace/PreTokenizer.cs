namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>A tokenizer.json "pre_tokenizer": cuts (and may rewrite) each piece of normalized text into the words the model sees.</summary>
internal abstract class PreTokenizer
{
    /// <summary>Appends the pieces <paramref name="piece"/> becomes to <paramref name="output"/>; empty pieces are dropped.</summary>
    public abstract void Split(PreToken piece, List<PreToken> output);
}
