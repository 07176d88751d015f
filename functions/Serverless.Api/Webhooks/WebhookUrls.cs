namespace Serverless.Api.Webhooks;

/// <summary>The shape every webhook URL must have, wherever it is given (a job, a key's default).</summary>
public static class WebhookUrls
{
    /// <summary>What <see cref="IsWellFormed"/> asks, in words for a 400.</summary>
    public const string Requirement = "The webhook must be an absolute https URL without credentials, at most 2048 characters.";

    /// <summary>What <see cref="IsWellFormed"/> asks where plain http is allowed.</summary>
    public const string RequirementWithHttp = "The webhook must be an absolute http or https URL without credentials, at most 2048 characters.";

    /// <summary>The requirement in words, as <paramref name="allowHttp"/> makes it.</summary>
    public static string RequirementFor(bool allowHttp) => allowHttp ? RequirementWithHttp : Requirement;

    /// <summary>Whether <paramref name="url"/> is an absolute https (or, with <paramref name="allowHttp"/>, http) URL without user info and not too long.</summary>
    public static bool IsWellFormed(string url, bool allowHttp) =>
        url is { Length: <= 2048 } && Uri.TryCreate(url, UriKind.Absolute, out var uri) && IsAllowedScheme(uri, allowHttp) && uri.UserInfo.Length == 0;

    /// <summary>Whether <paramref name="url"/> uses https, or http where that is allowed.</summary>
    public static bool IsAllowedScheme(Uri url, bool allowHttp)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.Scheme == Uri.UriSchemeHttps || (allowHttp && url.Scheme == Uri.UriSchemeHttp);
    }
}
