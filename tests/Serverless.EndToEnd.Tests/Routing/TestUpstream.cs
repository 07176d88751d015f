using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Routing;

/// <summary>
/// An in-test OpenAI-compatible upstream on a loopback port whose first path segment says how it behaves:
/// <c>/fail</c> answers 500, <c>/busy</c> 429, <c>/hang</c> never answers, <c>/bad</c> 400 (with words that must not
/// reach the client), <c>/cut</c> starts a stream and cuts it, <c>/flaky</c> answers 500 until <see cref="Recovered"/>,
/// then a chat completion. It counts calls and keeps the <c>Authorization</c> and <c>x-priority</c> each path last got.
/// </summary>
public sealed class TestUpstream : IAsyncDisposable
{
    /// <summary>What <c>/bad</c> says; the API must never relay it.</summary>
    public const string SecretDetail = "upstream secret detail";

    /// <summary>The model name the canned answers carry, which the API replaces with the public model.</summary>
    public const string UpstreamModelName = "upstream-internal-name";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, int> calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> authorizations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string?> priorities = new(StringComparer.Ordinal);

    private TestUpstream(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The root URL; a deployment's base URL is e.g. <c>{BaseUrl}fail/v1</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Whether <c>/flaky</c> answers well.</summary>
    public bool Recovered { get; set; }

    /// <summary>How many calls the behaviour <paramref name="mode"/> has had.</summary>
    public int Calls(string mode) => calls.GetValueOrDefault(mode);

    /// <summary>The <c>Authorization</c> header the behaviour <paramref name="mode"/> last got.</summary>
    public string? AuthorizationOf(string mode) => authorizations.GetValueOrDefault(mode);

    /// <summary>Whether the behaviour <paramref name="mode"/> was called, and the <c>x-priority</c> header its last call carried (null: none).</summary>
    public (bool Called, string? Priority) PriorityOf(string mode) => (priorities.TryGetValue(mode, out var priority), priority);

    /// <summary>The deployment base URL of behaviour <paramref name="mode"/>.</summary>
    public string UrlOf(string mode) => new Uri(BaseUrl, $"{mode}/v1").ToString();

    /// <summary>Starts it on a free loopback port.</summary>
    public static async Task<TestUpstream> StartAsync()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        var upstream = new TestUpstream(app, new Uri(url + "/"));
        app.MapPost("/{mode}/v1/{**rest}", upstream.AnswerAsync);
        await app.StartAsync();
        return upstream;
    }

    private async Task AnswerAsync(HttpContext context, string mode)
    {
        calls.AddOrUpdate(mode, 1, (_, n) => n + 1);
        authorizations[mode] = context.Request.Headers.Authorization.ToString();
        priorities[mode] = context.Request.Headers.TryGetValue("x-priority", out var priority) ? priority.ToString() : null;
        var response = context.Response;
        switch (mode)
        {
            case "fail":
            case "flaky" when !Recovered:
                response.StatusCode = 500;
                await response.WriteAsync(SecretDetail);
                break;
            case "busy":
                response.StatusCode = 429;
                await response.WriteAsync(SecretDetail);
                break;
            case "hang":
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
                break;
            case "bad":
                response.StatusCode = 400;
                response.ContentType = "application/json";
                await response.WriteAsync($$$"""{"error":{"message":"{{{SecretDetail}}}","type":"invalid_request_error","param":null,"code":null}}""");
                break;
            case "cut":
                response.ContentType = "text/event-stream";
                await response.WriteAsync($$$"""data: {"id":"c","object":"chat.completion.chunk","created":0,"model":"{{{UpstreamModelName}}}","choices":[{"index":0,"delta":{"role":"assistant","content":"Partial"},"finish_reason":null}]}""" + "\n\n");
                await response.Body.FlushAsync();
                await Task.Delay(100);
                context.Abort();
                break;
            default:
                response.ContentType = "application/json";
                await response.WriteAsync($$$"""{"id":"chatcmpl-1","object":"chat.completion","created":0,"model":"{{{UpstreamModelName}}}","choices":[{"index":0,"message":{"role":"assistant","content":"recovered"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}}""");
                break;
        }
    }

    /// <summary>Stops it.</summary>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
