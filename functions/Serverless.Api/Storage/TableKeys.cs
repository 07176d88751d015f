using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Serverless.Api.Storage;

/// <summary>
/// Turns free text (owners, models, request ids) into safe Table storage key parts. Keys forbid <c>/ \ # ?</c> and
/// control characters, and <c>%</c> misbehaves in point operations, so everything outside
/// <c>[A-Za-z0-9-_.@]</c> becomes <c>!</c> and two hex digits per UTF-8 byte, and an unpaired surrogate (which has
/// no UTF-8 form) becomes <c>!U</c> and its four hex digits. The mapping is one-to-one, so two owners never share
/// a key, and <c>:</c> and <c>~</c> stay free to join parts.
/// </summary>
internal static class TableKeys
{
    /// <summary>Escaped parts longer than this are cut and suffixed with a hash, keeping keys well under the 1 KiB limit.</summary>
    internal const int MaxPartLength = 256;

    /// <summary>The key form of <paramref name="value"/>.</summary>
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        Span<byte> bytes = stackalloc byte[4];
        var wellFormed = true;
        var i = 0;
        while (i < value.Length)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var used) != OperationStatus.Done)
            {
                // Decoding reads an unpaired surrogate as U+FFFD, the same as a real U+FFFD: keep the code unit instead.
                builder.Append("!U").Append(((int)value[i]).ToString("X4", CultureInfo.InvariantCulture));
                wellFormed = false;
                i++;
                continue;
            }

            i += used;
            if (rune.IsAscii && IsSafe((char)rune.Value))
            {
                builder.Append((char)rune.Value);
                continue;
            }

            var count = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..count])
            {
                builder.Append('!').Append(Convert.ToHexString([b]));
            }
        }

        if (builder.Length <= MaxPartLength)
        {
            return builder.ToString();
        }

        // Text that has a UTF-8 form is hashed as UTF-8 (the keys stored so far); other text by its escaped form,
        // which, unlike its UTF-8 bytes, is one-to-one.
        var hashed = wellFormed ? Encoding.UTF8.GetBytes(value) : Encoding.ASCII.GetBytes(builder.ToString());
        var hash = Convert.ToHexStringLower(SHA256.HashData(hashed))[..32];
        return string.Concat(builder.ToString(0, MaxPartLength - 33), "~", hash);
    }

    private static bool IsSafe(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@';
}
