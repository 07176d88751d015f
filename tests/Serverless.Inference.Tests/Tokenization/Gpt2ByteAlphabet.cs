namespace Serverless.Inference.Tests.Tokenization;

/// <summary>GPT-2's bytes_to_unicode: the printable stand-in character byte-level BPE vocabularies use for each byte.</summary>
internal static class Gpt2ByteAlphabet
{
    public static char[] Build()
    {
        var map = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            map[b] = printable ? (char)b : (char)next++;
        }

        return map;
    }
}
