namespace Serverless.Api.Webhooks;

/// <summary>The outcome of a webhook secret rotation.</summary>
/// <param name="Secret">The new secret, shown this once.</param>
/// <param name="PreviousValidUntil">Until when the previous secret signs too; null when none does.</param>
public sealed record WebhookSecretRotation(string Secret, DateTimeOffset? PreviousValidUntil);
