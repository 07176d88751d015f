using Microsoft.Extensions.Logging;

namespace Serverless.Api.Telemetry;

/// <summary>
/// The request log: one entry per request with the seed's fields (its user agent and the body's <c>user</c> among them), in a category of its own so operators
/// can route it. Sinks that keep structure (Application Insights, OTLP) get the fields as properties; the local
/// console writes them as one JSON line (<see cref="RequestLogConsoleFormatter"/>). Never a prompt, a completion or a secret.
/// </summary>
internal static partial class RequestLog
{
    /// <summary>The log category.</summary>
    public const string Category = "Serverless.RequestLog";

    /// <summary>The event id of a request log entry.</summary>
    public const int EventId = 6000;

    // The parameters are named as the seed's fields because structured sinks use these names as property names.
#pragma warning disable IDE1006
    [LoggerMessage(EventId = EventId, EventName = "RequestCompleted", Level = LogLevel.Information,
        Message = "Request {request_id} at {timestamp} from {client_ip} ({user_agent}) by {user_id} for {user}: {endpoint} {model}, tokens {input_tokens} in {output_tokens} out, {processing_time_ms} ms, status {status_code}, error {error}")]
    public static partial void Completed(
        ILogger logger,
        string request_id,
        string timestamp,
        string? client_ip,
        string? user_agent,
        string? user_id,
        string? user,
        string endpoint,
        string? model,
        int input_tokens,
        int output_tokens,
        double processing_time_ms,
        int status_code,
        string? error);
#pragma warning restore IDE1006
}
