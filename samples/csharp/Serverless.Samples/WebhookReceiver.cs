using System.Threading.Channels;
using Serverless.Client.Jobs;
using Serverless.Client.Webhooks;

namespace Serverless.Samples;

/// <summary>A webhook endpoint as an ASP.NET Core application has one, on a free port of 127.0.0.1: it verifies each call and hands on its job.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Channel<AsyncJob> jobs = Channel.CreateUnbounded<AsyncJob>();

    private WebhookReceiver(WebApplication app, WebhookVerifier verifier)
    {
        this.app = app;
        app.MapPost("/hooks/jobs", async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            // Verify the body exactly as it came, before parsing it.
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync(cancellationToken);
            var result = verifier.Verify(body, request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Headers["webhook-signature"]);
            if (result == WebhookVerificationResult.Replayed)
            {
                return Results.Ok(); // a retry of a call already handled (the API retries with the same id)
            }

            if (result != WebhookVerificationResult.Valid)
            {
                // A real receiver goes on serving; this sample stops waiting: the likeliest cause is the wrong secret.
                jobs.Writer.TryComplete(new InvalidOperationException($"A webhook call did not verify ({result}): is OPENAI_WEBHOOK_SECRET this key's webhook_secret?"));
                return Results.BadRequest();
            }

            // Answer 2xx quickly (the API retries anything else) and do the work elsewhere.
            await jobs.Writer.WriteAsync(AsyncJob.Parse(body), cancellationToken);
            return Results.Ok();
        });
    }

    /// <summary>The URL to give as a job's webhook.</summary>
    public Uri Url => new(new Uri(app.Urls.First()), "/hooks/jobs");

    /// <summary>Starts a receiver whose calls <paramref name="verifier"/> checks.</summary>
    public static async Task<WebhookReceiver> StartAsync(WebhookVerifier verifier)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0"); // port 0: a free one, read back from app.Urls once started
        var receiver = new WebhookReceiver(builder.Build(), verifier);
        await receiver.app.StartAsync();
        return receiver;
    }

    /// <summary>
    /// The job of the next verified call; a <see cref="TimeoutException"/> when none comes within <paramref name="timeout"/>,
    /// a <see cref="ChannelClosedException"/> once a call did not verify.
    /// </summary>
    public async Task<AsyncJob> NextJobAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            return await jobs.Reader.ReadAsync(cancellation.Token);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw new TimeoutException($"No webhook call came within {timeout}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
