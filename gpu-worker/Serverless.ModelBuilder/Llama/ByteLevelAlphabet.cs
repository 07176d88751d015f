using System.Text;

namespace Serverless.ModelBuilder.Llama;

/// <summary>
/// GPT-2's byte-to-character table, which byte-level BPE vocabularies are written in: printable Latin-1
/// bytes stand for themselves, the other 68 bytes for U+0100 onwards (a space is <c>Ġ</c>, U+0120).
/// </summary>
internal static class ByteLevelAlphabet
{
    private static readonly char[] Table = Build();

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            text.Append(Table[b]);
        }

        return text.ToString();
    }

    private static char[] Build()
    {
        var table = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            table[b] = printable ? (char)b : (char)next++;
        }

        return table;
    }
}
