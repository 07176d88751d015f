using Microsoft.AspNetCore.Http;
using Serverless.OpenAI.Common;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;

namespace Serverless.Worker.Serving;

/// <summary><c>POST /v1/calls/{id}/stop</c>: stops a generation the gateway gave up on and reports what it generated.</summary>
internal sealed class CallsEndpoint(CallLedger ledger)
{
    /// <summary>How long the answer waits for a stopped generation to unwind (one decode step, normally).</summary>
    internal static readonly TimeSpan StopWait = TimeSpan.FromSeconds(5);

    public async Task StopAsync(HttpContext context, string id)
    {
        if (await ledger.StopAsync(id, StopWait, context.RequestAborted) is not { } usage)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, new ApiError(404, new OpenAIError(
                $"No call '{id}' is known to this worker.", ErrorTypes.InvalidRequest, "id", "call_not_found")));
            return;
        }

        var report = new CallReport(id, usage.Stopped ? "stopped" : "completed", Usage.Of(usage.PromptTokens, usage.CompletionTokens));
        await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, report, WorkerJsonContext.Default.CallReport);
    }
}
