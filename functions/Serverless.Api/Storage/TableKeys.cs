using System.Security.Cryptography;
using System.Text;

namespace Serverless.Api.Storage;

/// <summary>
/// Turns free text (owners, models, request ids) into safe Table storage key parts. Keys forbid <c>/ \ # ?</c> and
/// control characters, and <c>%</c> misbehaves in point operations, so everything outside
/// <c>[A-Za-z0-9-_.@]</c> becomes <c>!</c> and two hex digits per UTF-8 byte. The mapping is one-to-one, so
/// <c>:</c> and <c>~</c> stay free to join parts.
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
        foreach (var rune in value.EnumerateRunes())
        {
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

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32];
        return string.Concat(builder.ToString(0, MaxPartLength - 33), "~", hash);
    }

    private static bool IsSafe(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@';
}
