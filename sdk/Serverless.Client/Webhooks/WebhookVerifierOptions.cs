namespace Serverless.Client.Webhooks;

/// <summary>The secrets a <see cref="WebhookVerifier"/> accepts and how strict it is about time and repeats.</summary>
public sealed class WebhookVerifierOptions
{
    /// <summary>
    /// The signing secrets (<c>whsec_</c> and Base64, as the admin API shows a key's <c>webhook_secret</c>); a call signed
    /// with any of them is accepted. Hold the new and the previous secret while a rotation is under way.
    /// </summary>
    public IList<string> Secrets { get; } = [];

    /// <summary>How far a call's <c>webhook-timestamp</c> may be from now, either way (default 5 minutes).</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many verified <c>webhook-id</c>s are remembered to refuse replays (default 10,000); beyond it the oldest are forgotten first.</summary>
    public int MaxRememberedIds { get; set; } = 10_000;
}
