namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>A tokenizer.json "post_processor": what goes around the ids of a single sequence (BOS, [CLS] … [SEP]) when special tokens are asked for.</summary>
internal abstract class PostProcessor
{
    public abstract List<int> Process(List<int> ids, bool addSpecialTokens);
}
