using System.Net.Http.Json;
using Serverless.Jobs;
using Serverless.OpenAI.Models;
using Serverless.OpenAI.Serialization;

namespace Serverless.Api.Relay;

/// <summary>Typed client of the worker's serve mode; pooling, timeouts and transient-fault retries come from its registration.</summary>
public sealed class WorkerClient(HttpClient http)
{
    /// <summary>Lists the models the worker has loaded.</summary>
    public async Task<ModelList> GetModelsAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync("v1/models", OpenAIJsonContext.Default.ModelList, cancellationToken)
        ?? throw new HttpRequestException("The worker answered an empty model list.");

    /// <summary>Completes when the worker's <c>/healthz</c> answers 2xx; throws otherwise.</summary>
    public async Task CheckAliveAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("healthz", cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Posts a JSON payload and returns as soon as the answer's headers arrive, so streams can be relayed.
    /// <paramref name="callId"/> names the call on the worker, for <see cref="StopCallAsync"/>; the worker keeps prompt
    /// and completion tokens within <paramref name="tokenBudget"/>, and admits it by <paramref name="priority"/> when saturated.
    /// </summary>
    public Task<HttpResponseMessage> PostAsync(
        string path, byte[] json, string requestId, string callId, long tokenBudget, PriorityClass priority, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(json) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TryAddWithoutValidation("x-request-id", requestId);
        request.Headers.TryAddWithoutValidation(CallIdHeader, callId);
        request.Headers.TryAddWithoutValidation(TokenBudgetHeader, tokenBudget.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(PriorityClasses.HeaderName, PriorityClasses.NameOf(priority));
        return http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>
    /// Stops call <paramref name="callId"/> on the worker if it still generates and returns the tokens it used; null
    /// when the worker does not know it (it never started generating) or cannot be asked.
    /// </summary>
    public async Task<(int PromptTokens, int CompletionTokens)?> StopCallAsync(string callId, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsync($"v1/calls/{Uri.EscapeDataString(callId)}/stop", content: null, cancellationToken);
            return response.IsSuccessStatusCode ? UsageReader.FromJson(await response.Content.ReadAsByteArrayAsync(cancellationToken)) : null;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or Polly.Timeout.TimeoutRejectedException)
        {
            return null;
        }
    }

    /// <summary>The header that names a call on the worker.</summary>
    internal const string CallIdHeader = "x-call-id";

    /// <summary>The header that caps a call's prompt and completion tokens together.</summary>
    internal const string TokenBudgetHeader = "x-token-budget";
}
