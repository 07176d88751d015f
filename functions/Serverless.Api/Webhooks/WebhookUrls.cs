namespace Serverless.Api.Webhooks;

/// <summary>The shape every webhook URL must have, wherever it is given (a job, a key's default).</summary>
public static class WebhookUrls
{
    /// <summary>What <see cref="IsWellFormed"/> asks, in words for a 400.</summary>
    public const string Requirement = "The webhook must be an absolute http or https URL without credentials, at most 2048 characters.";

    /// <summary>Whether <paramref name="url"/> is an absolute http(s) URL without user info and not too long.</summary>
    public static bool IsWellFormed(string url) =>
        url is { Length: <= 2048 } && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.UserInfo.Length == 0;
}
