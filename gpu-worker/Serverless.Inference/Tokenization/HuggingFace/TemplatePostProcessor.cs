namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>
/// "TemplateProcessing", "BertProcessing" and "RobertaProcessing" for one sequence: the ids with special tokens'
/// ids before and after it (each element of the template is either the sequence, null, or a special token's ids).
/// </summary>
internal sealed class TemplatePostProcessor(IReadOnlyList<int[]?> template) : PostProcessor
{
    public override List<int> Process(List<int> ids, bool addSpecialTokens)
    {
        var output = new List<int>(ids.Count + 4);
        foreach (var element in template)
        {
            if (element is null)
            {
                output.AddRange(ids);
            }
            else if (addSpecialTokens)
            {
                output.AddRange(element);
            }
        }

        return output;
    }
}
