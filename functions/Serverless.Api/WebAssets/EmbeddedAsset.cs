using System.IO.Compression;
using System.Security.Cryptography;

namespace Serverless.Api.WebAssets;

/// <summary>
/// One file of a page this API serves from its own assembly (the docs, the console): its bytes, gzipped once when
/// that makes them smaller (text compresses to about a quarter), and a hash of its bytes that names this version in
/// ETags and asset URLs.
/// </summary>
internal sealed record EmbeddedAsset(string ContentType, byte[] Content, byte[]? Gzipped, string Hash)
{
    /// <summary>The ETag of <see cref="Content"/>.</summary>
    public string ETag => $"\"{Hash}\"";

    /// <summary>The ETag of <see cref="Gzipped"/>: another representation, so another strong validator.</summary>
    public string GzipETag => $"\"{Hash}-gzip\"";

    /// <summary>The asset named <paramref name="name"/> (its extension gives the media type) with these bytes.</summary>
    public static EmbeddedAsset Of(string name, byte[] content)
    {
        var contentType = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".svg" => "image/svg+xml",
            ".png" => "image/png",
            ".woff2" => "font/woff2",
            _ => "text/plain; charset=utf-8",
        };
        var hash = Convert.ToHexStringLower(SHA256.HashData(content))[..16];
        return new EmbeddedAsset(contentType, content, Gzip(content), hash);
    }

    /// <summary>The bytes of the resource <paramref name="name"/> embedded in this assembly, or null when there is none.</summary>
    public static byte[]? ReadResource(string name)
    {
        using var stream = typeof(EmbeddedAsset).Assembly.GetManifestResourceStream(name);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
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
