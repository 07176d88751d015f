namespace Serverless.Client.Jobs;

/// <summary>What a job adds to the OpenAI request body.</summary>
/// <param name="Webhook">A URL the API calls, signed, when the job ends; else the key's default webhook, if it has one.</param>
/// <param name="Timeout">How long the job may take before it ends <c>expired</c> (the API's default when null).</param>
public sealed record AsyncJobOptions(Uri? Webhook = null, TimeSpan? Timeout = null);
