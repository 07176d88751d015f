using System.Net;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;
using Serverless.Api.Catalog;
using Serverless.Api.Upstreams;

namespace Serverless.Api.Tests.Upstreams;

public sealed class DeploymentStateTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero));

    private DeploymentState NewState() => new("m/d", new CatalogOptions
    {
        BreakerFailureRatio = 0.5, BreakerMinimumThroughput = 2, BreakerSamplingDuration = TimeSpan.FromSeconds(30), BreakerBreakDuration = TimeSpan.FromSeconds(5),
    }, time);

    private static async Task<HttpStatusCode> CallAsync(DeploymentState state, HttpStatusCode answer)
    {
        using var response = await state.Breaker.ExecuteAsync(_ => ValueTask.FromResult(new HttpResponseMessage(answer)), CancellationToken.None);
        return response.StatusCode;
    }

    [Fact]
    public async Task Breaker_OpensOnFailures_RefusesUntilTheBreakIsOver_ThenClosesOnASuccessfulProbe()
    {
        var state = NewState();
        await CallAsync(state, HttpStatusCode.InternalServerError);
        await CallAsync(state, HttpStatusCode.TooManyRequests);

        Assert.Equal(CircuitState.Open, state.Circuit);
        Assert.True(state.Load.Refusing);
        await Assert.ThrowsAsync<BrokenCircuitException>(() => CallAsync(state, HttpStatusCode.OK));

        time.Advance(TimeSpan.FromSeconds(6));
        Assert.False(state.Load.Refusing); // due for a probe: the planner lets one call through
        Assert.Equal(HttpStatusCode.OK, await CallAsync(state, HttpStatusCode.OK));
        Assert.Equal(CircuitState.Closed, state.Circuit);
    }

    [Fact]
    public async Task Breaker_ClientErrors_DoNotCountAgainstTheDeployment()
    {
        var state = NewState();
        for (var i = 0; i < 5; i++)
        {
            await CallAsync(state, HttpStatusCode.BadRequest);
        }

        Assert.Equal(CircuitState.Closed, state.Circuit);
    }

    [Fact]
    public void TryEnter_StopsAtTheCap_AndExitFreesASlot()
    {
        var state = NewState();

        Assert.True(state.TryEnter(2));
        Assert.True(state.TryEnter(2));
        Assert.False(state.TryEnter(2));
        state.Exit();
        Assert.True(state.TryEnter(2));
        Assert.Equal(2, state.Load.Outstanding);
    }
}
