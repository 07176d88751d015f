using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Serverless.Client.Tests;

/// <summary><c>AddServerlessClient</c>: options validated when the client is made; the client sends through the named, resilient HTTP client.</summary>
public sealed class ServerlessClientRegistrationTests
{
    [Fact]
    public void MissingEndpointOrKey_FailsWhenTheClientIsMade_NamingBoth()
    {
        using var provider = new ServiceCollection().AddLogging().AddServerlessClient(_ => { }).Services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(provider.GetRequiredService<ServerlessClient>);

        Assert.Contains(failure.Failures, f => f.Contains("Endpoint", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.Contains("ApiKey", StringComparison.Ordinal));
    }

    [Fact]
    public void PlainConstructor_ValidatesTheSameWay()
    {
        Assert.Throws<OptionsValidationException>(() => new ServerlessClient(new ServerlessClientOptions { Endpoint = new Uri("ftp://api.test/v1"), ApiKey = "sk-test" }));
        Assert.Throws<OptionsValidationException>(() => new ServerlessClient(new ServerlessClientOptions
        {
            Endpoint = new Uri("http://api.test/v1"), ApiKey = "sk-test", PollInitialDelay = TimeSpan.FromSeconds(5), PollMaxDelay = TimeSpan.FromSeconds(1),
        }));
    }

    [Fact]
    public async Task RegisteredClient_SendsThroughTheNamedHttpClient_WithItsResilienceHandler()
    {
        var handler = new ScriptedHandler(
            () => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
            () => ScriptedHandler.Json(HttpStatusCode.OK, """{"key_id":"key_1","owner":"a","tier":"default","limits":{"rpm":60},"usage":[{"limit":"rpm","value":60,"used":1,"remaining":59,"resets_at":2}],"object":"quota"}"""));
        var services = new ServiceCollection().AddLogging();
        services.AddServerlessClient(o => (o.Endpoint, o.ApiKey) = (new Uri("http://api.test/v1"), "sk-test"))
            .ConfigurePrimaryHttpMessageHandler(() => handler);
        services.Configure<Microsoft.Extensions.Http.Resilience.HttpStandardResilienceOptions>(ServerlessClientServiceCollectionExtensions.HttpClientName + "-standard", o => o.Retry.Delay = TimeSpan.Zero);
        using var provider = services.BuildServiceProvider();

        var quota = await provider.GetRequiredService<ServerlessClient>().GetQuotaAsync();

        Assert.Equal(60, quota.Limits.Rpm);
        Assert.Equal(59, Assert.Single(quota.Usage).Remaining);
        Assert.Equal(2, handler.Requests.Count); // the 503 on a read was retried
        Assert.Equal("http://api.test/v1/quota", handler.Requests[1].RequestUri!.AbsoluteUri);
    }
}
