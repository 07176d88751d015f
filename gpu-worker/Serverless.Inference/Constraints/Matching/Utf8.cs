namespace Serverless.Inference.Constraints.Matching;

/// <summary>
/// Well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF), one byte at a time. A state is 0
/// between characters, else the continuation bytes still owed (high nibble) and the range the next one must be in.
/// </summary>
internal static class Utf8
{
    private static readonly (byte Low, byte High)[] Ranges = [(0x80, 0xBF), (0xA0, 0xBF), (0x80, 0x9F), (0x90, 0xBF), (0x80, 0x8F)];

    /// <summary>The state after a non-ASCII byte (or a byte inside a character), or −1 when it breaks UTF-8.</summary>
    public static int Step(int state, byte b)
    {
        if (state == 0)
        {
            return b switch
            {
                >= 0xC2 and <= 0xDF => 0x10,
                0xE0 => 0x21,
                >= 0xE1 and <= 0xEC or 0xEE or 0xEF => 0x20,
                0xED => 0x22,
                0xF0 => 0x33,
                >= 0xF1 and <= 0xF3 => 0x30,
                0xF4 => 0x34,
                _ => -1,
            };
        }

        var (low, high) = Ranges[state & 0xF];
        if (b < low || b > high)
        {
            return -1;
        }

        var owed = (state >> 4) - 1;
        return owed == 0 ? 0 : owed << 4;
    }

    /// <summary>The fewest bytes that finish the character being written.</summary>
    public static byte[] Finish(int state)
    {
        if (state == 0)
        {
            return [];
        }

        var bytes = new byte[state >> 4];
        Array.Fill(bytes, (byte)0x80);
        bytes[0] = Ranges[state & 0xF].Low;
        return bytes;
    }
}
