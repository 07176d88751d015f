using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using OpenAI;
using Serverless.Client.Errors;

namespace Serverless.Client.Tests.Errors;

/// <summary>Error answers become <see cref="ServerlessApiException"/> with everything the API said: status, type, code, param, Retry-After, current usage.</summary>
public sealed class ErrorMappingTests
{
    private const string RateLimited = """
        {"error":{"message":"Rate limit reached for requests per minute.","type":"requests","param":null,"code":"rate_limit_exceeded",
        "current_usage":{"requests_per_min":3,"requests_limit_per_min":3},"retry_after":42}}
        """;

    private static ServerlessClient Client(ScriptedHandler handler) =>
        new(new HttpClient(handler), new ServerlessClientOptions { Endpoint = new Uri("http://api.test/v1/"), ApiKey = "sk-test" }, new FakeTimeProvider());

    [Fact]
    public async Task RateLimitedSubmit_ThrowsWithCodeRetryAfterAndCurrentUsage()
    {
        var handler = new ScriptedHandler(() =>
        {
            var response = ScriptedHandler.Json(HttpStatusCode.TooManyRequests, RateLimited, TimeSpan.FromSeconds(41));
            response.Headers.Add("x-request-id", "req_1");
            return response;
        });
        using var client = Client(handler);

        var error = await Assert.ThrowsAsync<ServerlessApiException>(() => client.SubmitCompletionAsync(new() { ["model"] = "gpt2-tiny", ["prompt"] = "hi" }));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal("requests", error.ErrorType);
        Assert.Equal("rate_limit_exceeded", error.Code);
        Assert.Null(error.Param);
        Assert.Equal(TimeSpan.FromSeconds(41), error.RetryAfter); // the header first
        Assert.Equal(3, error.CurrentUsage["requests_limit_per_min"]);
        Assert.Equal("req_1", error.RequestId);
        Assert.Equal("Rate limit reached for requests per minute.", error.Message);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task RetryAfterInTheBodyAlone_IsUsed()
    {
        using var client = Client(new ScriptedHandler(() => ScriptedHandler.Json(HttpStatusCode.TooManyRequests, RateLimited)));

        var error = await Assert.ThrowsAsync<ServerlessApiException>(() => client.GetQuotaAsync());

        Assert.Equal(TimeSpan.FromSeconds(42), error.RetryAfter);
    }

    [Fact]
    public async Task BadParameter_NamesIt_AndIsNotTransient()
    {
        using var client = Client(new ScriptedHandler(() => ScriptedHandler.Json(
            HttpStatusCode.BadRequest, """{"error":{"message":"max_tokens must be positive.","type":"invalid_request_error","param":"max_tokens","code":"invalid_value"}}""")));

        var error = await Assert.ThrowsAsync<ServerlessApiException>(() => client.SubmitChatCompletionAsync(new() { ["model"] = "gpt2-tiny" }));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("max_tokens", error.Param);
        Assert.Equal("invalid_value", error.Code);
        Assert.Empty(error.CurrentUsage);
        Assert.Null(error.RetryAfter);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task AnswerWithoutAnErrorObject_StillThrowsWithItsStatus()
    {
        using var client = Client(new ScriptedHandler(() => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>bad gateway</html>") }));

        var error = await Assert.ThrowsAsync<ServerlessApiException>(() => client.GetUsageAsync());

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Null(error.Code);
        Assert.Contains("502", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task OpenAISdkCallRefused_MapsToTheSameTypedError()
    {
        using var handler = new ScriptedHandler(() => ScriptedHandler.Json(HttpStatusCode.TooManyRequests, RateLimited, TimeSpan.FromSeconds(41)));
        var openAI = new OpenAIClient(new ApiKeyCredential("sk-test"), new OpenAIClientOptions
        {
            Endpoint = new Uri("http://api.test/v1"),
            Transport = new HttpClientPipelineTransport(new HttpClient(handler)),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        });

        var thrown = await Assert.ThrowsAsync<ClientResultException>(() => openAI.GetChatClient("gpt2-tiny").CompleteChatAsync([new OpenAI.Chat.UserChatMessage("hi")]));
        var error = ApiErrors.FromClientResultException(thrown);

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal("rate_limit_exceeded", error.Code);
        Assert.Equal(TimeSpan.FromSeconds(41), error.RetryAfter);
        Assert.Equal(3, error.CurrentUsage["requests_per_min"]);
    }
}
