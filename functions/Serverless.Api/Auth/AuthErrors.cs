using Serverless.OpenAI.Errors;

namespace Serverless.Api.Auth;

/// <summary>The answers to failed authentication (401) and authorization (403); none says whether a key exists.</summary>
public static class AuthErrors
{
    /// <summary>No credentials at all.</summary>
    public static ApiError Missing { get; } = new(401, new OpenAIError(
        "You didn't provide an API key. Send it as 'Authorization: Bearer sk-...' (or the 'api-key' header).",
        ErrorTypes.InvalidRequest, null, "missing_api_key"));

    /// <summary>Any bad key: malformed, unknown, expired, revoked, or a wrong scheme. One message for all, on purpose.</summary>
    public static ApiError InvalidKey { get; } = new(401, new OpenAIError(
        "Incorrect API key provided. You can find or create keys with your administrator.",
        ErrorTypes.InvalidRequest, null, "invalid_api_key"));

    /// <summary>A bearer token that does not validate.</summary>
    public static ApiError InvalidToken { get; } = new(401, new OpenAIError(
        "The bearer token is invalid or expired.", ErrorTypes.InvalidRequest, null, "invalid_token"));

    /// <summary>The identity provider's signing keys cannot be fetched: a token can be neither accepted nor refused.</summary>
    public static ApiError TokenKeysUnavailable { get; } = new(503, new OpenAIError(
        "The service cannot verify bearer tokens right now. Please retry shortly.", ErrorTypes.Server, null, "auth_unavailable"));

    /// <summary>Too many failed authentications from the caller's address: refused before any lookup.</summary>
    public static ApiError TooManyFailures { get; } = new(429, new OpenAIError(
        "Too many requests with invalid credentials from this address. Check your API key and retry in a few seconds.",
        ErrorTypes.RateLimit, null, "too_many_failed_authentications"));

    /// <summary>The caller's role or scopes do not cover the route.</summary>
    public static ApiError Forbidden { get; } = new(403, new OpenAIError(
        "You are not allowed to perform this request with this key.", ErrorTypes.InvalidRequest, null, "permission_denied"));

    /// <summary>The request came from an address outside the key's allow list.</summary>
    public static ApiError IpNotAllowed { get; } = new(403, new OpenAIError(
        "Requests from this address are not allowed for this key.", ErrorTypes.InvalidRequest, null, "ip_not_allowed"));

    /// <summary>The model is outside the key's list.</summary>
    public static ApiError ModelNotAllowed(string model) => new(403, new OpenAIError(
        $"This key is not allowed to use the model '{model}'.", ErrorTypes.InvalidRequest, "model", "model_not_allowed"));

    /// <summary>Key storage cannot be reached: fail closed.</summary>
    public static ApiError StorageUnavailable { get; } = new(503, new OpenAIError(
        "The service cannot verify API keys right now. Please retry shortly.", ErrorTypes.Server, null, "auth_unavailable"));
}
