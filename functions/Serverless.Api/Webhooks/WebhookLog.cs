using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Serverless.Api.Webhooks;

/// <summary>
/// The webhooks' log lines: the detail a caller is not told (which host did not resolve, why a call failed) is
/// kept for the operator here. Never a secret, a body or a URL's path and query (they may carry a receiver's token).
/// </summary>
internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 8000, Level = LogLevel.Information, Message = "A webhook host {Host} does not resolve ({SocketError}); the job is refused")]
    public static partial void HostDoesNotResolve(ILogger logger, string host, SocketError socketError);

    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning, Message = "A webhook host {Host} resolves to a refused address; the job is refused")]
    public static partial void HostResolvesToRefusedAddress(ILogger logger, string host);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Warning, Message = "Webhook call {MessageId} attempt {Attempt} to {Host} failed ({Reason})")]
    public static partial void CallFailed(ILogger logger, string messageId, int attempt, string host, string reason, Exception? exception);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Warning, Message = "Webhook call {MessageId} attempt {Attempt} was not made: its URL is plain http and Webhooks:AllowHttp is off")]
    public static partial void CallOverHttpRefused(ILogger logger, string messageId, int attempt);

    [LoggerMessage(EventId = 8005, Level = LogLevel.Error, Message = "Webhook call {MessageId} attempt {Attempt} was not made: key {KeyId} has no webhook secret and Webhooks:SigningSecret is not set")]
    public static partial void NoSigningSecret(ILogger logger, string messageId, int attempt, string keyId);

    [LoggerMessage(EventId = 8010, Level = LogLevel.Information, Message = "Key {KeyId}: webhook secret rotated; the previous one signs too until {PreviousValidUntil}")]
    public static partial void SecretRotated(ILogger logger, string keyId, DateTimeOffset? previousValidUntil);

    [LoggerMessage(EventId = 8011, Level = LogLevel.Information, Message = "Key {KeyId}: previous webhook secret dropped")]
    public static partial void PreviousSecretDropped(ILogger logger, string keyId);
}
