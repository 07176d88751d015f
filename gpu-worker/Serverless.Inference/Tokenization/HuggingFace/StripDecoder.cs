namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>"Strip": removes up to <c>start</c> leading and <c>stop</c> trailing copies of <c>content</c> from each token.</summary>
internal sealed class StripDecoder(string content, int start, int stop) : Decoder
{
    public override List<string> DecodeChain(List<string> tokens) => [.. tokens.Select(Strip)];

    private string Strip(string token)
    {
        var runes = token.EnumerateRunes().Select(r => r.ToString()).ToList();
        var startCut = 0;
        for (var i = 0; i < Math.Min(start, runes.Count) && runes[i] == content; i++)
        {
            startCut = i + 1;
        }

        var stopCut = runes.Count;
        for (var i = 0; i < stop && runes.Count - i - 1 >= 0 && runes[runes.Count - i - 1] == content; i++)
        {
            stopCut = runes.Count - i - 1;
        }

        return stopCut <= startCut ? string.Empty : string.Concat(runes.Skip(startCut).Take(stopCut - startCut));
    }
}
