namespace Serverless.OpenAI.Errors;

/// <summary>An expected failure: the HTTP status to answer with and the OpenAI error object to send.</summary>
public sealed record ApiError(int StatusCode, OpenAIError Error)
{
    /// <summary>400 for a request that names a bad parameter.</summary>
    public static ApiError InvalidParameter(string? param, string message, string code = "invalid_value") =>
        new(400, new OpenAIError(message, ErrorTypes.InvalidRequest, param, code));

    /// <summary>400 for a body that is not valid JSON.</summary>
    public static ApiError InvalidJson(string message) =>
        new(400, new OpenAIError(message, ErrorTypes.InvalidRequest, null, "invalid_json"));

    /// <summary>404 for a model this deployment does not serve.</summary>
    public static ApiError ModelNotFound(string model) =>
        new(404, new OpenAIError($"The model '{model}' does not exist or you do not have access to it.", ErrorTypes.InvalidRequest, "model", "model_not_found"));

    /// <summary>404 for a path no route serves.</summary>
    public static ApiError RouteNotFound(string method, string path) =>
        new(404, new OpenAIError($"Unknown request URL: {method} {path}.", ErrorTypes.InvalidRequest, null, "unknown_url"));

    /// <summary>405 for a path served under other methods.</summary>
    public static ApiError MethodNotAllowed(string method, string path) =>
        new(405, new OpenAIError($"Method {method} is not allowed for {path}.", ErrorTypes.InvalidRequest, null, "method_not_allowed"));

    /// <summary>413 for a body over the configured limit.</summary>
    public static ApiError BodyTooLarge(long limitBytes) =>
        new(413, new OpenAIError($"The request body exceeds the limit of {limitBytes} bytes.", ErrorTypes.InvalidRequest, null, "request_too_large"));

    /// <summary>415 for a body that is not JSON.</summary>
    public static ApiError UnsupportedMediaType(string? contentType) =>
        new(415, new OpenAIError($"Unsupported content type '{contentType ?? "(none)"}'; send application/json.", ErrorTypes.InvalidRequest, null, "unsupported_media_type"));

    /// <summary>500 for a bug: the message never carries exception details.</summary>
    public static ApiError Internal(string requestId) =>
        new(500, new OpenAIError($"The server had an error while processing your request. Request id: {requestId}.", ErrorTypes.Server, null, "internal_error"));
}
