using System.Collections.Frozen;
using System.Text;

namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>GPT-2's bytes_to_unicode: the printable stand-in character byte-level vocabularies use for each byte.</summary>
internal static class ByteLevelAlphabet
{
    private static readonly char[] ByteToChar = Build();
    private static readonly FrozenDictionary<char, byte> CharToByte =
        Enumerable.Range(0, 256).ToFrozenDictionary(b => ByteToChar[b], b => (byte)b);

    /// <summary>The text's UTF-8 bytes, each written as its stand-in character.</summary>
    public static string Encode(string text) => Encode(Encoding.UTF8.GetBytes(text));

    /// <summary>The bytes, each written as its stand-in character (how a byte-level vocabulary spells a token).</summary>
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[i] = ByteToChar[bytes[i]];
        }

        return new string(chars);
    }

    /// <summary>Appends the bytes a token stands for, or false (appending nothing) when one of its characters is no stand-in.</summary>
    public static bool TryAppendBytes(string token, List<byte> bytes)
    {
        foreach (var c in token)
        {
            if (!CharToByte.ContainsKey(c))
            {
                return false;
            }
        }

        foreach (var c in token)
        {
            bytes.Add(CharToByte[c]);
        }

        return true;
    }

    private static char[] Build()
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
