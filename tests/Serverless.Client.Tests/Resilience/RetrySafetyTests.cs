using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Serverless.Client.Resilience;

namespace Serverless.Client.Tests.Resilience;

/// <summary>
/// What the resilience handler may send again: reads and cancels on any transient failure; a job submit only when the
/// API surely did not take it (a 429, or no connection), never after a 5xx or a timeout that may have created the job.
/// </summary>
public sealed class RetrySafetyTests
{
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(10);
    private static readonly FakeTimeProvider Time = new();

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public void Submit_AnsweredWithA5xx_IsNotRetried(HttpStatusCode status)
    {
        Assert.False(ShouldRetry(HttpMethod.Post, "v1/async/completions", Answer(status)));
        Assert.True(ShouldRetry(HttpMethod.Get, "v1/async/completions/job_1", Answer(status)));
    }

    [Fact]
    public void Submit_ThatTimedOut_IsNotRetried()
    {
        var timedOut = Outcome.FromException<HttpResponseMessage>(new Polly.Timeout.TimeoutRejectedException());

        Assert.False(ShouldRetry(HttpMethod.Post, "v1/async/chat/completions", timedOut));
        Assert.True(ShouldRetry(HttpMethod.Get, "v1/quota", timedOut));
    }

    [Fact]
    public void Submit_RateLimitedOrNeverConnected_IsRetried()
    {
        Assert.True(ShouldRetry(HttpMethod.Post, "v1/async/completions", Answer(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(2))));
        Assert.True(ShouldRetry(HttpMethod.Post, "v1/async/completions",
            Outcome.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError, "refused"))));
        Assert.False(ShouldRetry(HttpMethod.Post, "v1/async/completions",
            Outcome.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ResponseEnded, "cut"))));
    }

    [Fact]
    public void Cancel_IsRetriedLikeARead()
    {
        Assert.True(ShouldRetry(HttpMethod.Post, "v1/async/completions/job_1/cancel", Answer(HttpStatusCode.ServiceUnavailable)));
    }

    [Fact]
    public void RetryAfterLongerThanTheMaximum_IsSurfacedNotWaited()
    {
        Assert.False(ShouldRetry(HttpMethod.Get, "v1/quota", Answer(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(30))));
        Assert.False(ShouldRetry(HttpMethod.Post, "v1/async/completions", Answer(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(30))));
    }

    [Fact]
    public void ClientErrors_AreNeverRetried()
    {
        Assert.False(ShouldRetry(HttpMethod.Get, "v1/async/completions/job_1", Answer(HttpStatusCode.NotFound)));
        Assert.False(ShouldRetry(HttpMethod.Post, "v1/async/completions", Answer(HttpStatusCode.BadRequest)));
    }

    private static Outcome<HttpResponseMessage> Answer(HttpStatusCode status, TimeSpan? retryAfter = null)
    {
        var response = new HttpResponseMessage(status);
        if (retryAfter is { } delta)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(delta);
        }

        return Outcome.FromResult(response);
    }

    private static bool ShouldRetry(HttpMethod method, string path, Outcome<HttpResponseMessage> outcome)
    {
        using var request = new HttpRequestMessage(method, new Uri(new Uri("http://api.test/"), path));
        return ServerlessResilience.ShouldRetry(outcome, request, MaxRetryAfter, Time);
    }
}
