using System.ClientModel;
using OpenAI;

namespace Serverless.Client;

/// <summary>Where the API is, the key to call it with, and how the client waits and retries.</summary>
public sealed class ServerlessClientOptions
{
    /// <summary>The API's base URL, ending in <c>/v1</c>: the same as <see cref="OpenAIClientOptions.Endpoint"/>, for example <c>https://api.example.com/v1</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The API key (<c>sk-...</c>), sent as <c>Authorization: Bearer</c>: the same as the OpenAI client's.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The ceiling of the first wait between polls of <see cref="ServerlessClient.WaitForCompletionAsync"/> (default 500 ms); it doubles each poll.</summary>
    public TimeSpan PollInitialDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The largest ceiling of a wait between polls (default 10 s).</summary>
    public TimeSpan PollMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often a failed call is retried by the resilience handler (default 2; 0 turns retries off). What is retried
    /// depends on whether repeating the call is safe: see <see cref="ServerlessClient"/>.
    /// </summary>
    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>
    /// The longest <c>Retry-After</c> the resilience handler waits out itself (default 10 s); an answer asking for
    /// longer is surfaced at once as a <see cref="Errors.ServerlessApiException"/> with <see cref="Errors.ServerlessApiException.RetryAfter"/>.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>An OpenAI SDK client for the same endpoint and key, for chat, completions and embeddings.</summary>
    public OpenAIClient CreateOpenAIClient()
    {
        ServerlessClientOptionsValidator.ThrowIfInvalid(this);
        return new OpenAIClient(new ApiKeyCredential(ApiKey!), new OpenAIClientOptions { Endpoint = Endpoint });
    }
}
