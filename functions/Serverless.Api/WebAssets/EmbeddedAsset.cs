using System.IO.Compression;
using System.Security.Cryptography;

namespace Serverless.Api.Docs;

/// <summary>
/// One file of the docs page: its bytes, gzipped once (text compresses to about a quarter; the Swagger UI bundle is
/// 1.8 MB), and a hash of its bytes that names this version in ETags and in the page's asset URLs.
/// </summary>
internal sealed record DocsAsset(string ContentType, byte[] Content, byte[]? Gzipped, string Hash)
{
    /// <summary>The ETag of <see cref="Content"/>.</summary>
    public string ETag => $"\"{Hash}\"";

    /// <summary>The ETag of <see cref="Gzipped"/>: another representation, so another strong validator.</summary>
    public string GzipETag => $"\"{Hash}-gzip\"";

    /// <summary>The asset named <paramref name="name"/> (its extension gives the media type) with these bytes.</summary>
    public static DocsAsset Of(string name, byte[] content)
    {
        var contentType = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => "text/plain; charset=utf-8",
        };
        var hash = Convert.ToHexStringLower(SHA256.HashData(content))[..16];
        return new DocsAsset(contentType, content, Gzip(content), hash);
    }

    private static byte[]? Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return buffer.Length < content.Length ? buffer.ToArray() : null;
    }
}
