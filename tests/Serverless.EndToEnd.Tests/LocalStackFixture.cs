using System.ClientModel;
using OpenAI;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests;

/// <summary>The local stack as a user runs it: the worker's serve mode and the API host, real processes on loopback.</summary>
public sealed class LocalStackFixture : IAsyncLifetime
{
    /// <summary>The generation model every fresh machine has.</summary>
    public const string ChatModel = "gpt2-tiny";

    /// <summary>The embedding model every fresh machine has.</summary>
    public const string EmbeddingModel = "all-minilm-l6-v2";

    private ServiceProcess? worker;
    private ServiceProcess? api;

    /// <summary>The worker process.</summary>
    public ServiceProcess Worker => worker ?? throw new InvalidOperationException("not started");

    /// <summary>The API host process.</summary>
    public ServiceProcess Api => api ?? throw new InvalidOperationException("not started");

    /// <summary>An unmodified OpenAI .NET client for the API (or, with <paramref name="direct"/>, the worker itself).</summary>
    public OpenAIClient CreateOpenAIClient(bool direct = false) =>
        new(new ApiKeyCredential("sk-local"), new OpenAIClientOptions
        {
            Endpoint = new Uri((direct ? Worker : Api).BaseUrl, "v1"),
            NetworkTimeout = TimeSpan.FromMinutes(2),
            RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(maxRetries: 0),
        });

    /// <summary>A plain HTTP client for the API, for what an SDK would not send.</summary>
    public HttpClient CreateHttpClient(bool direct = false) =>
        new() { BaseAddress = (direct ? Worker : Api).BaseUrl, Timeout = TimeSpan.FromMinutes(2) };

    public async Task InitializeAsync()
    {
        worker = await ServiceProcess.StartWorkerAsync();
        api = await ServiceProcess.StartApiAsync(worker.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        if (api is not null)
        {
            await api.DisposeAsync();
        }

        if (worker is not null)
        {
            await worker.DisposeAsync();
        }
    }
}
