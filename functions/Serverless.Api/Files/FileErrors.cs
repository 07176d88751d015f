using Serverless.OpenAI.Errors;

namespace Serverless.Api.Files;

/// <summary>The Files API's expected failures.</summary>
internal static class FileErrors
{
    /// <summary>404 for an id that does not exist or belongs to another owner (the two look the same).</summary>
    public static ApiError NotFound(string id) =>
        new(404, new OpenAIError($"No such File object: {id}", ErrorTypes.InvalidRequest, "id", "file_not_found"));

    /// <summary>400 for an upload that is not <c>multipart/form-data</c> with a <c>file</c> part.</summary>
    public static ApiError NotMultipart { get; } =
        ApiError.InvalidParameter("file", "Upload a file as multipart/form-data with a 'file' part and a 'purpose' field.");

    /// <summary>400 for a purpose this API does not take.</summary>
    public static ApiError BadPurpose(string? purpose) =>
        ApiError.InvalidParameter("purpose", $"'{purpose}' is not a supported purpose; this API takes 'batch'.");

    /// <summary>413 for an upload over the limit.</summary>
    public static ApiError TooLarge(long limit) => ApiError.BodyTooLarge(limit);
}
