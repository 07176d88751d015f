using System.Security.Cryptography;

namespace Serverless.Worker.Generation.Tools;

/// <summary>Ids for the calls a model makes, shaped as OpenAI's (<c>call_</c> and 24 letters and digits).</summary>
internal static class ToolCallIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string New() => "call_" + RandomNumberGenerator.GetString(Alphabet, 24);
}
