namespace Serverless.Api.Auth;

/// <summary>Scopes narrow what a key's role allows; a key with no scopes has every scope its role allows.</summary>
public static class Scopes
{
    /// <summary><c>/v1/completions</c>.</summary>
    public const string Completions = "completions";

    /// <summary><c>/v1/chat/completions</c>.</summary>
    public const string Chat = "chat";

    /// <summary><c>/v1/embeddings</c>.</summary>
    public const string Embeddings = "embeddings";

    /// <summary>The async job API: submitting (with the kind's scope too), listing, polling and cancelling jobs.</summary>
    public const string Jobs = "jobs";

    /// <summary>The usage and quota API.</summary>
    public const string Usage = "usage";

    /// <summary>The admin API (keys, tiers, prices); an admin key without it cannot administer.</summary>
    public const string Admin = "admin";

    /// <summary>Every scope there is.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { Completions, Chat, Embeddings, Jobs, Usage, Admin };
}
