namespace Serverless.Samples;

/// <summary>Where the API is and how to call it, from the environment variables the official OpenAI SDKs read.</summary>
/// <param name="Endpoint"><c>OPENAI_BASE_URL</c>: the API's base ending in <c>/v1</c>.</param>
/// <param name="ApiKey"><c>OPENAI_API_KEY</c>: a key made with the admin API (<c>sk-...</c>).</param>
/// <param name="WebhookSecret"><c>OPENAI_WEBHOOK_SECRET</c>: the key's <c>webhook_secret</c> (<c>whsec_...</c>), shown once when it was made.</param>
/// <param name="Model"><c>MODEL</c>: the chat model (<c>gpt2-tiny</c>, a local stack's default).</param>
internal sealed record SampleSettings(Uri Endpoint, string ApiKey, string? WebhookSecret, string Model)
{
    /// <summary>The settings from the environment; a missing key fails here, saying so.</summary>
    public static SampleSettings FromEnvironment() => new(
        new Uri(Environment.GetEnvironmentVariable("OPENAI_BASE_URL") ?? "http://127.0.0.1:7071/v1"),
        Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set OPENAI_API_KEY to an API key (sk-...)."),
        Environment.GetEnvironmentVariable("OPENAI_WEBHOOK_SECRET"),
        Environment.GetEnvironmentVariable("MODEL") ?? "gpt2-tiny");
}
