namespace Serverless.OpenAI.Errors;

/// <summary>The <c>type</c> values OpenAI's API uses in error objects.</summary>
public static class ErrorTypes
{
    /// <summary>The request was wrong: fix it before retrying.</summary>
    public const string InvalidRequest = "invalid_request_error";

    /// <summary>Something failed on the server side.</summary>
    public const string Server = "server_error";

    /// <summary>Authentication or authorization failed.</summary>
    public const string Authentication = "authentication_error";

    /// <summary>A limit was hit.</summary>
    public const string RateLimit = "rate_limit_error";
}
