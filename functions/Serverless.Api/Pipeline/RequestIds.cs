using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Serverless.Api.Pipeline;

/// <summary>Gives each request an id: the caller's <c>x-request-id</c> when it is well-formed, a fresh one otherwise.</summary>
public static class RequestIds
{
    /// <summary>The header that carries the id both ways.</summary>
    public const string Header = "x-request-id";

    private const int MaxLength = 128;

    /// <summary>Assigns the id to the context and to the response headers, and returns it.</summary>
    public static string Assign(HttpContext context)
    {
        var incoming = context.Request.Headers[Header].ToString();
        var id = IsWellFormed(incoming) ? incoming : New();
        context.TraceIdentifier = id;
        context.Response.Headers[Header] = id;
        return id;
    }

    /// <summary>A new id: <c>req-</c> and 24 random hex digits.</summary>
    public static string New() => "req-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    private static bool IsWellFormed(string value) =>
        value.Length is > 0 and <= MaxLength
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
