namespace Serverless.Client.Webhooks;

/// <summary>What <see cref="WebhookVerifier.Verify(string, string?, string?, string?)"/> found.</summary>
public enum WebhookVerificationResult
{
    /// <summary>Signed with one of the secrets, fresh, and not seen before: process it.</summary>
    Valid,

    /// <summary><c>webhook-id</c>, <c>webhook-timestamp</c> or <c>webhook-signature</c> is missing.</summary>
    MissingHeaders,

    /// <summary><c>webhook-timestamp</c> is not Unix seconds.</summary>
    MalformedTimestamp,

    /// <summary>The timestamp is older than the tolerance: a replay of an old call, or a clock far behind.</summary>
    TooOld,

    /// <summary>The timestamp is further ahead than the tolerance.</summary>
    TooNew,

    /// <summary>No signature matches any of the secrets: the body or headers were changed, or the secret is not this key's.</summary>
    InvalidSignature,

    /// <summary>
    /// A valid call whose <c>webhook-id</c> was already verified within the replay window: a duplicate (the API retries
    /// with the same id) or a replay. Answer 2xx without processing it again; see <see cref="WebhookVerifier.Forget"/>.
    /// </summary>
    Replayed,
}
