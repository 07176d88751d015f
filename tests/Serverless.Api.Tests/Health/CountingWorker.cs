using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Serverless.Testing;

namespace Serverless.Api.Tests.Health;

/// <summary>
/// A stand-in worker on loopback that answers <c>/healthz</c> and <c>/v1/models</c> as the real one does, accepts
/// only <see cref="Key"/>, and remembers every request it got: what the gateway costs a worker, and what it presents.
/// </summary>
internal sealed class CountingWorker : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<(string Path, string Authorization)> requests = new();

    private CountingWorker(string key)
    {
        Key = key;
        BaseUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(BaseUrl.ToString().TrimEnd('/'));
        app = builder.Build();
        app.Use((context, next) =>
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            requests.Enqueue((context.Request.Path.Value!, authorization));
            if (context.Request.Path.StartsWithSegments("/v1") && authorization != $"Bearer {Key}")
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            }

            return next(context);
        });
        app.MapGet("/healthz", () => Results.Text("""{"status":"ok"}""", "application/json"));
        app.MapGet("/v1/models", () => Results.Text(
            """{"object":"list","data":[{"id":"counted-model","object":"model","created":0,"owned_by":"test","capabilities":{"completion":true,"chat":true,"embedding":false,"fine_tuning":false},"context_length":1024,"permission":[]}]}""",
            "application/json"));
    }

    /// <summary>The only bearer token it accepts on <c>/v1/*</c>.</summary>
    public string Key { get; }

    public Uri BaseUrl { get; }

    /// <summary>Every request so far: its path and its <c>Authorization</c> header.</summary>
    public IReadOnlyList<(string Path, string Authorization)> Requests => [.. requests];

    /// <summary>How many requests went to <paramref name="path"/>.</summary>
    public int Count(string path) => requests.Count(r => r.Path == path);

    public static async Task<CountingWorker> StartAsync(string key)
    {
        var worker = new CountingWorker(key);
        await worker.app.StartAsync();
        return worker;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
