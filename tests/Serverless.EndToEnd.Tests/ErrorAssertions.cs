using System.Net;
using System.Text.Json;

namespace Serverless.EndToEnd.Tests;

/// <summary>Checks that an answer is an OpenAI error object with the expected status and param.</summary>
internal static class ErrorAssertions
{
    public static async Task<JsonElement> AssertOpenAIErrorAsync(HttpResponseMessage response, HttpStatusCode status, string? param = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        using var document = JsonDocument.Parse(body);
        var error = document.RootElement.GetProperty("error").Clone();
        Assert.Equal(JsonValueKind.String, error.GetProperty("message").ValueKind);
        Assert.Equal(JsonValueKind.String, error.GetProperty("type").ValueKind);
        Assert.True(error.TryGetProperty("param", out _), "error.param must be present (null allowed)");
        Assert.True(error.TryGetProperty("code", out _), "error.code must be present (null allowed)");
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal); // never a stack trace
        if (param is not null)
        {
            Assert.Equal(param, error.GetProperty("param").GetString());
        }

        return error;
    }
}
