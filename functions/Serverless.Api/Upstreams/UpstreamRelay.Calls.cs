using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Serverless.Api.Catalog;
using Serverless.Api.Relay;
using Serverless.Jobs;

namespace Serverless.Api.Upstreams;

/// <summary>The calls a routed request makes: the request each kind of deployment takes, and stopping a worker's call.</summary>
internal sealed partial class UpstreamRelay
{
    /// <summary>
    /// The call as the deployment takes it; null when an <c>openai</c> deployment's key is not configured. Only a
    /// <c>worker</c> deployment (our own) hears of the call's id, budget and class; an <c>openai</c> one gets none of them.
    /// </summary>
    private HttpRequestMessage? BuildRequest(
        HttpContext context, CatalogModel model, Deployment deployment, string relative, JsonObject body, RoutePlan plan, long tokenBudget, string callId)
    {
        var payload = body.DeepClone().AsObject();
        payload["model"] = deployment.Model;
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(deployment.BaseUrl, relative));
        request.Headers.TryAddWithoutValidation("x-request-id", context.TraceIdentifier);
        if (deployment.Kind == DeploymentKind.Worker)
        {
            request.Headers.Authorization = new("Bearer", worker.Value.ApiKey);
            request.Headers.TryAddWithoutValidation(WorkerClient.CallIdHeader, callId);
            request.Headers.TryAddWithoutValidation(WorkerClient.TokenBudgetHeader, tokenBudget.ToString(CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation(PriorityClasses.HeaderName, PriorityClasses.NameOf(CallPriority.Of(context)));
        }
        else
        {
            if (credentials.Resolve(deployment.Credential!) is not { } key)
            {
                request.Dispose();
                return null;
            }

            request.Headers.Authorization = new("Bearer", key);
            if (model.Capabilities.Contains("chat") || model.Capabilities.Contains("completion"))
            {
                LimitTokens(payload, plan.CompletionTokens);
            }
        }

        request.Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString()));
        request.Content.Headers.ContentType = new("application/json");
        return request;
    }

    /// <summary>
    /// An OpenAI upstream knows nothing of the reservation: <c>max_tokens</c> keeps each choice within the admitted
    /// completion tokens, and a stream is asked for its usage so it can be billed.
    /// </summary>
    internal static void LimitTokens(JsonObject payload, long completionTokens)
    {
        if (payload["prompt"] is null && payload["messages"] is null)
        {
            return; // embeddings
        }

        var choices = Math.Max(1, payload["n"]?.GetValue<int>() ?? 1);
        var perChoice = (int)Math.Clamp(completionTokens / choices, 1, int.MaxValue);
        var asked = payload["max_completion_tokens"]?.GetValue<int>() ?? payload["max_tokens"]?.GetValue<int>();
        payload.Remove("max_completion_tokens");
        payload["max_tokens"] = asked is { } limit ? Math.Min(limit, perChoice) : perChoice;
        if (payload["stream"]?.GetValue<bool>() == true)
        {
            if (payload["stream_options"] is JsonObject options)
            {
                options["include_usage"] = true;
            }
            else
            {
                payload["stream_options"] = new JsonObject { ["include_usage"] = true };
            }
        }
    }

    /// <summary>Stops a worker deployment's call and returns what it generated; nothing for an <c>openai</c> upstream, which cannot be asked.</summary>
    private async Task<(int PromptTokens, int CompletionTokens)?> StopAsync(Deployment deployment, string callId)
    {
        if (deployment.Kind != DeploymentKind.Worker)
        {
            return null;
        }

        try
        {
            using var bounded = new CancellationTokenSource(WorkerRelay.StopCallTimeout, time);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(deployment.BaseUrl, $"calls/{Uri.EscapeDataString(callId)}/stop"));
            request.Headers.Authorization = new("Bearer", worker.Value.ApiKey);
            using var response = await clients.CreateClient(ClientName).SendAsync(request, bounded.Token);
            return response.IsSuccessStatusCode ? UsageReader.FromJson(await response.Content.ReadAsByteArrayAsync(bounded.Token)) : null;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return null;
        }
    }
}
