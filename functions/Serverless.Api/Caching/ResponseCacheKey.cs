using System.Security.Cryptography;
using System.Text;

namespace Serverless.Api.Caching;

/// <summary>
/// Where an answer is kept: a hash of the owner, the route, the resolved model and the request in its normalised
/// form (the typed request serialised again, so spacing and field order do not matter, and without <c>user</c>). The
/// owner is part of it, so one tenant never receives, or learns of, another's answers.
/// </summary>
public readonly record struct ResponseCacheKey(string Value)
{
    /// <summary>The key of <paramref name="normalizedRequest"/> (UTF-8 JSON) for <paramref name="owner"/> on <paramref name="route"/> with <paramref name="model"/>.</summary>
    public static ResponseCacheKey For(string owner, string route, string model, ReadOnlySpan<byte> normalizedRequest)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(model);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in (ReadOnlySpan<string>)[owner, route, model])
        {
            hash.AppendData(Encoding.UTF8.GetBytes(part));
            hash.AppendData([0]); // no part contains a NUL, so the parts cannot run into each other
        }

        hash.AppendData(normalizedRequest);
        return new ResponseCacheKey("answer:" + Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
