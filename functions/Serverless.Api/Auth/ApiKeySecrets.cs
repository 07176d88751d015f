using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Serverless.Api.Auth;

/// <summary>Key secrets: <c>sk-</c> and 256 random bits in base64url, stored only as an HMAC-SHA256 under a server-side pepper.</summary>
public static class ApiKeySecrets
{
    /// <summary>Every secret starts with this.</summary>
    public const string Prefix = "sk-";

    private const int SecretBytes = 32;
    private static readonly int EncodedLength = Base64Url.GetEncodedLength(SecretBytes);

    /// <summary>A new secret.</summary>
    public static string Generate() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>Whether <paramref name="value"/> has the shape of a secret this service issues.</summary>
    public static bool IsWellFormed(string value) =>
        value.Length == Prefix.Length + EncodedLength
        && value.StartsWith(Prefix, StringComparison.Ordinal)
        && Base64Url.IsValid(value.AsSpan(Prefix.Length));

    /// <summary>The stored form of a secret: lowercase hex of HMAC-SHA256(pepper, secret).</summary>
    public static string Hash(string secret, string pepper) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(pepper), Encoding.UTF8.GetBytes(secret)));

    /// <summary>Compares two hashes in constant time.</summary>
    public static bool HashesEqual(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    /// <summary>The last four characters, the only part of a secret shown after creation.</summary>
    public static string LastFour(string secret) => secret[^4..];
}
