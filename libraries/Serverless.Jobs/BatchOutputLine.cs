using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace Serverless.Jobs;

/// <summary>One line of a batch's output or error file, in OpenAI's shape.</summary>
/// <param name="Id">The line's request id (<c>batch_req_...</c>).</param>
/// <param name="CustomId">The caller's id of the line.</param>
/// <param name="Response">The answer, when the line ran or was refused with an HTTP error.</param>
/// <param name="Error">Why the line did not run (expired, cancelled, no quota), when it did not.</param>
public sealed record BatchOutputLine(string Id, string CustomId, BatchLineResponse? Response, BatchLineError? Error)
{
    /// <summary>Whether the line was answered 2xx (it goes to the output file; every other line to the error file).</summary>
    [JsonIgnore]
    public bool Succeeded => Response is { StatusCode: >= 200 and < 300 };

    /// <summary>A new line id, shaped as OpenAI's (<c>batch_req_</c> and 96 random bits).</summary>
    public static string NewId() => "batch_req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
