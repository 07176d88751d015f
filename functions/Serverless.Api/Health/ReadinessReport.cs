namespace Serverless.Api.Health;

/// <summary>What <c>/readyz</c> says: <c>ready</c> or <c>not_ready</c>, and each dependency's state (<c>ok</c> or <c>unavailable</c>).</summary>
internal sealed record ReadinessReport(string Status, string Storage, string Worker);
