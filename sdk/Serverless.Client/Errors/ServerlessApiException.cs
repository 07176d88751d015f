using System.Net;

namespace Serverless.Client.Errors;

/// <summary>
/// An error answer of the API, in OpenAI's error object (<c>{"error":{"message","type","param","code"}}</c>) with the
/// API's rate-limit extras: <c>retry_after</c> (and the <c>Retry-After</c> header) and <c>current_usage</c>.
/// </summary>
public sealed class ServerlessApiException : Exception
{
    /// <summary>Creates the exception for an error answer.</summary>
    public ServerlessApiException(
        HttpStatusCode statusCode,
        string message,
        string? errorType = null,
        string? code = null,
        string? param = null,
        TimeSpan? retryAfter = null,
        IReadOnlyDictionary<string, long>? currentUsage = null,
        string? requestId = null)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorType = errorType;
        Code = code;
        Param = param;
        RetryAfter = retryAfter;
        CurrentUsage = currentUsage ?? new Dictionary<string, long>();
        RequestId = requestId;
    }

    /// <summary>Creates the exception with a message and its cause (a status of 0: no answer).</summary>
    public ServerlessApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        CurrentUsage = new Dictionary<string, long>();
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The error's <c>type</c>, for example <c>invalid_request_error</c>, <c>server_error</c>, or on a 429 <c>requests</c>, <c>tokens</c> or <c>insufficient_quota</c>, as OpenAI names them.</summary>
    public string? ErrorType { get; }

    /// <summary>The error's <c>code</c>, for example <c>rate_limit_exceeded</c>, <c>insufficient_quota</c> or <c>model_not_found</c>.</summary>
    public string? Code { get; }

    /// <summary>The request parameter the error is about, when it names one.</summary>
    public string? Param { get; }

    /// <summary>How long to wait before retrying: the <c>Retry-After</c> header, else the body's <c>retry_after</c>.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>On a 429, the counters that refused the call (for example <c>requests_per_min</c> and <c>requests_limit_per_min</c>); empty otherwise.</summary>
    public IReadOnlyDictionary<string, long> CurrentUsage { get; }

    /// <summary>The <c>x-request-id</c> of the answer, to quote when reporting a problem.</summary>
    public string? RequestId { get; }

    /// <summary>Whether the same call may succeed later: a 408, 429, 500, 502, 503 or 504.</summary>
    public bool IsTransient => StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
        or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}
