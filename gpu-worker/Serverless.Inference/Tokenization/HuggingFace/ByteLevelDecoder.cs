using System.Text;

namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>
/// "ByteLevel": stand-in characters back to bytes (a token with any other character, such as an added token, as its
/// own UTF-8), all decoded at once; bytes that are no valid UTF-8, such as a cut-off character, become U+FFFD.
/// </summary>
internal sealed class ByteLevelDecoder : Decoder
{
    public override List<string> DecodeChain(List<string> tokens)
    {
        var bytes = new List<byte>();
        foreach (var token in tokens)
        {
            if (!ByteLevelAlphabet.TryAppendBytes(token, bytes))
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(token));
            }
        }

        return [Encoding.UTF8.GetString([.. bytes])];
    }
}
