using Serverless.Api.Webhooks;
using Serverless.OpenAI.Errors;

namespace Serverless.Api.Admin;

/// <summary>A key's default webhook must be https unless the deployment allows http, as a job's own webhook must.</summary>
internal static class KeyWebhookScheme
{
    /// <summary>The 400 for a plain http default where only https is allowed; null otherwise (the shape is checked elsewhere).</summary>
    public static ApiError? Check(string? webhook, WebhookOptions options) =>
        webhook is { Length: > 0 } && Uri.TryCreate(webhook, UriKind.Absolute, out var url) && !WebhookUrls.IsAllowedScheme(url, options.AllowHttp)
            ? ApiError.InvalidParameter("webhook", WebhookUrls.RequirementFor(options.AllowHttp))
            : null;
}
