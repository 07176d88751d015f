using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Serverless.Api.Auth;
using Serverless.Api.Routing;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Jobs.Http;

/// <summary>
/// <c>/v1/async/completions/{id}</c>: <c>GET</c> answers the job (with its result once it succeeded and its webhook
/// calls), <c>DELETE</c> cancels it; so does <c>POST .../{id}/cancel</c>. Another owner's job is a 404.
/// </summary>
internal sealed class AsyncJobHandler(JobLookup lookup, JobViews views, JobCanceller canceller) : IApiHandler
{
    public async Task HandleAsync(HttpContext context)
    {
        var caller = context.Features.GetRequiredFeature<Caller>();
        var id = JobPaths.JobId(context.Request.Path.Value ?? string.Empty);
        var aborted = context.RequestAborted;
        var row = await lookup.FindAsync(caller, id, aborted);
        if (row is null)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, JobErrors.NotFound(id));
            return;
        }

        if (!HttpMethods.IsGet(context.Request.Method))
        {
            row = await canceller.CancelAsync(row, JobClients.For(context), aborted);
        }

        var job = await views.ToObjectAsync(row, withResult: true, withDeliveries: true, aborted);
        await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, job, JobsJsonContext.Default.JobObject);
    }
}
