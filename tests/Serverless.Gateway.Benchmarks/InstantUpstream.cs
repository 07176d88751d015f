using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Serverless.Gateway.Benchmarks;

/// <summary>
/// An OpenAI-compatible upstream in this process, on a random loopback port, that answers at once: what the API
/// host sees of the worker (model list, health, whole and streamed completions with the worker's <c>: usage</c>
/// comments) without its cost, so the load measures the gateway, its authentication and its metering alone.
/// </summary>
internal sealed class InstantUpstream : IAsyncDisposable
{
    private readonly WebApplication app;

    private InstantUpstream(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The upstream's base URL, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseUrl { get; }

    public static async Task<InstantUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/healthz", InstantAnswers.HealthAsync);
        app.MapGet("/readyz", InstantAnswers.HealthAsync);
        app.MapGet("/v1/models", InstantAnswers.ModelsAsync);
        app.MapPost("/v1/chat/completions", InstantAnswers.ChatAsync);
        app.MapPost("/v1/completions", InstantAnswers.CompletionAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new InstantUpstream(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
