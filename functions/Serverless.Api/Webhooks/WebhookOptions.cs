using System.ComponentModel.DataAnnotations;

namespace Serverless.Api.Webhooks;

/// <summary>How job webhooks are called, bound from the <c>Webhooks</c> section.</summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Webhooks";

    /// <summary>
    /// The legacy deployment-wide secret (<c>whsec_</c> and Base64, or plain text). It signs only the webhooks of
    /// callers without a secret of their own (keys made before per-key secrets, JWT callers), and a key's first
    /// webhook secret rotation keeps it as the previous secret for the grace period. Remove it once every key has
    /// its own: every receiver that holds it could forge the others' webhooks.
    /// </summary>
    public string? SigningSecret { get; set; }

    /// <summary>
    /// Whether webhooks may point at loopback, private, link-local and metadata addresses. Off in Azure (it would let
    /// a caller reach the internal network); the local stack turns it on for a developer's receiver on loopback.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>
    /// Whether webhooks may be plain <c>http</c> URLs. Off in Azure (a job's result would cross the internet in
    /// cleartext); the local stack and the tests turn it on for receivers on loopback.
    /// </summary>
    public bool AllowHttp { get; set; }

    /// <summary>How long a key's previous webhook secret still signs after a rotation, unless the rotation says otherwise.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan SecretGracePeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long one call may take.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait before the first retry; each next one doubles, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two calls.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long after the job ended calls are retried.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3.00:00:00")]
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);
}
