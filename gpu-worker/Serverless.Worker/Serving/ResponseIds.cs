using System.Security.Cryptography;

namespace Serverless.Worker.Serving;

/// <summary>Ids of answers, in OpenAI's forms.</summary>
internal static class ResponseIds
{
    public static string Completion() => "cmpl-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public static string ChatCompletion() => "chatcmpl-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>A request id for a batch line's answer.</summary>
    public static string Request() => "req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
