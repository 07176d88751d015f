using Serverless.OpenAI.Errors;

namespace Serverless.Api.Admin;

/// <summary>The 404 for a key id that does not exist.</summary>
internal static class KeyNotFound
{
    public static ApiError For(string id) =>
        new(404, new OpenAIError($"No API key with id '{id}'.", ErrorTypes.InvalidRequest, "id", "key_not_found"));
}
