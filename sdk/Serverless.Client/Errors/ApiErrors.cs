using System.ClientModel;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Serverless.Client.Serialization;

namespace Serverless.Client.Errors;

/// <summary>Turns error answers, of this client or of the OpenAI SDK, into <see cref="ServerlessApiException"/>.</summary>
public static class ApiErrors
{
    /// <summary>
    /// The typed error behind an OpenAI SDK <see cref="ClientResultException"/> (a chat call refused with 429, say),
    /// read from its raw answer: <c>code</c>, <c>param</c>, <c>retry_after</c>, <c>current_usage</c>.
    /// </summary>
    public static ServerlessApiException FromClientResultException(ClientResultException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception.GetRawResponse() is not { } response)
        {
            return new ServerlessApiException(exception.Message, exception);
        }

        response.Headers.TryGetValue("Retry-After", out var retryAfter);
        response.Headers.TryGetValue("x-request-id", out var requestId);
        return Parse((HttpStatusCode)response.Status, response.Content.ToString(), ParseRetryAfter(retryAfter, null), requestId);
    }

    /// <summary>Reads an error answer of this API into the typed error.</summary>
    internal static async Task<ServerlessApiException> FromResponseAsync(HttpResponseMessage response, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var requestId = response.Headers.TryGetValues("x-request-id", out var ids) ? ids.FirstOrDefault() : null;
        return Parse(response.StatusCode, body, RetryAfterOf(response.Headers.RetryAfter, time), requestId);
    }

    /// <summary>The wait a <c>Retry-After</c> header asks for (seconds or an HTTP date), if any.</summary>
    internal static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? header, TimeProvider time) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is { Ticks: > 0 } left ? left : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>The typed error of an answer with <paramref name="status"/> and <paramref name="body"/>.</summary>
    internal static ServerlessApiException Parse(HttpStatusCode status, string body, TimeSpan? retryAfterHeader, string? requestId)
    {
        ErrorDetail? detail = null;
        try
        {
            detail = JsonSerializer.Deserialize(body, ClientJsonContext.Default.ErrorEnvelope)?.Error;
        }
        catch (JsonException)
        {
            // Not the API's error object (a proxy's page, say): the status alone tells what happened.
        }

        var message = detail?.Message ?? $"The API answered {(int)status} {status} without an error object.";
        var retryAfter = retryAfterHeader ?? (detail?.RetryAfter is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
        return new ServerlessApiException(status, message, detail?.Type, detail?.Code, detail?.Param, retryAfter, detail?.CurrentUsage, requestId);
    }

    private static TimeSpan? ParseRetryAfter(string? value, TimeSpan? fallback) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : fallback;
}
