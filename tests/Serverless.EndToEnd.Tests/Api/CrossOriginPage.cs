using System.Net;
using System.Text;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Api;

/// <summary>
/// A web app's page on two loopback origins of its own (two ports), as a browser app on another site than the API:
/// its script calls the API named in its fragment with <c>fetch</c>, twice, and writes what it could read of each
/// answer into <c>#result</c> as JSON.
/// </summary>
internal sealed class CrossOriginPage : IDisposable
{
    private const string Html = """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>cors</title></head><body><pre id="result">pending</pre><script>
        (async () => {
          const params = new URLSearchParams(location.hash.slice(1));
          const call = async () => {
            try {
              const answer = await fetch(params.get('api') + 'v1/chat/completions', {
                method: 'POST',
                headers: { 'Authorization': 'Bearer ' + params.get('key'), 'Content-Type': 'application/json', 'X-API-Version': '2026-12-01' },
                body: JSON.stringify({ model: 'gpt2-tiny', messages: [{ role: 'user', content: 'hi' }], max_tokens: 2 }),
              });
              const header = name => answer.headers.get(name);
              return {
                status: answer.status, body: await answer.json(), requestId: header('x-request-id'), version: header('x-api-version'),
                limitRequests: header('x-ratelimit-limit-requests'), remainingRequests: header('x-ratelimit-remaining-requests'),
                retryAfter: header('retry-after'), date: header('date'),
              };
            } catch (e) {
              return { error: String(e) };
            }
          };
          const first = await call();
          const second = await call();
          document.getElementById('result').textContent = JSON.stringify({ first, second });
        })();
        </script></body></html>
        """;

    private readonly HttpListener listener = new();

    public CrossOriginPage()
    {
        var (one, two) = (FreePort.Next(), FreePort.Next());
        Origin = new Uri($"http://127.0.0.1:{one}");
        OtherOrigin = new Uri($"http://127.0.0.1:{two}");
        listener.Prefixes.Add(Origin.ToString());
        listener.Prefixes.Add(OtherOrigin.ToString());
        listener.Start();
        _ = Task.Run(ServeAsync);
    }

    /// <summary>The origin the API is told to allow.</summary>
    public Uri Origin { get; }

    /// <summary>The same page on an origin the API does not list.</summary>
    public Uri OtherOrigin { get; }

    /// <summary>The page on <paramref name="origin"/>, set to call <paramref name="api"/> with <paramref name="key"/>.</summary>
    public static Uri At(Uri origin, Uri api, string key) =>
        new(origin, $"/cors.html#api={Uri.EscapeDataString(api.ToString())}&key={Uri.EscapeDataString(key)}");

    public void Dispose() => listener.Close();

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var found = context.Request.Url?.AbsolutePath == "/cors.html";
            var body = Encoding.UTF8.GetBytes(found ? Html : "not found");
            context.Response.StatusCode = found ? 200 : 404;
            context.Response.ContentType = found ? "text/html; charset=utf-8" : "text/plain";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }
}
