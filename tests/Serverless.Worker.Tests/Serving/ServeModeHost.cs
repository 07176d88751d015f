using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.ModelBuilder;
using Serverless.Testing;
using Serverless.Worker.Serving;

namespace Serverless.Worker.Tests.Serving;

/// <summary>The worker's serve mode in memory (the same services, middleware and routes as <c>serve</c>), over the default models on the CPU.</summary>
public sealed class ServeModeHost : IAsyncLifetime
{
    /// <summary>The worker key the API would send.</summary>
    public const string WorkerKey = "test-worker-key-0123456789";

    private WebApplication? app;

    /// <summary>A client that presents the worker key.</summary>
    public HttpClient CreateClient(bool authenticated = true)
    {
        var client = app!.GetTestClient();
        if (authenticated)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", WorkerKey);
        }

        return client;
    }

    public async Task InitializeAsync()
    {
        await DefaultModels.EnsureAsync(RepositoryPaths.Models, NullLogger.Instance);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serve:ApiKey"] = WorkerKey,
            ["Serve:BuildDefaultModels"] = "false",
            ["Inference:ModelsPath"] = RepositoryPaths.Models,
            ["Inference:ExecutionProvider"] = "cpu",
        });
        builder.Services.AddServeMode(builder.Configuration);
        app = builder.Build();
        app.UseServeModeAuthentication();
        app.MapServeMode();
        await app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
