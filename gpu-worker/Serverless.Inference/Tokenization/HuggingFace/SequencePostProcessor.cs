namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>"Sequence": each post-processor in turn ("ByteLevel" ones only touch offsets and are left out).</summary>
internal sealed class SequencePostProcessor(IReadOnlyList<PostProcessor> processors) : PostProcessor
{
    public override List<int> Process(List<int> ids, bool addSpecialTokens)
    {
        foreach (var processor in processors)
        {
            ids = processor.Process(ids, addSpecialTokens);
        }

        return ids;
    }
}
