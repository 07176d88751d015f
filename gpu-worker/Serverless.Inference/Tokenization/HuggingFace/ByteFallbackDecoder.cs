using System.Globalization;
using System.Text;

namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>
/// "ByteFallback": runs of byte tokens ("&lt;0xE2&gt;") become the text they spell, or, when the run is no valid
/// UTF-8 (a character cut off), one U+FFFD per byte, as the Rust decoder does.
/// </summary>
internal sealed class ByteFallbackDecoder : Decoder
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public override List<string> DecodeChain(List<string> tokens)
    {
        var output = new List<string>(tokens.Count);
        var pending = new List<byte>();
        foreach (var token in tokens)
        {
            if (TryParseByte(token, out var value))
            {
                pending.Add(value);
                continue;
            }

            Flush(pending, output);
            output.Add(token);
        }

        Flush(pending, output);
        return output;
    }

    private static void Flush(List<byte> pending, List<string> output)
    {
        if (pending.Count == 0)
        {
            return;
        }

        try
        {
            output.Add(Strict.GetString([.. pending]));
        }
        catch (DecoderFallbackException)
        {
            output.AddRange(Enumerable.Repeat("\uFFFD", pending.Count));
        }

        pending.Clear();
    }

    /// <summary>"&lt;0xNN&gt;" exactly six bytes long; like Rust's from_str_radix, the two digits may be a sign and one digit.</summary>
    private static bool TryParseByte(string token, out byte value)
    {
        value = 0;
        if (token.Length != 6 || !token.StartsWith("<0x", StringComparison.Ordinal) || token[5] != '>')
        {
            return false;
        }

        var digits = token.AsSpan(3, 2);
        if (digits[0] == '+')
        {
            digits = digits[1..];
        }

        return byte.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }
}
