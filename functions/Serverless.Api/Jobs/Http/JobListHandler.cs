using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Serverless.Api.Auth;
using Serverless.Api.Routing;
using Serverless.Jobs;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Jobs.Http;

/// <summary>
/// <c>GET /v1/async/completions?limit=&amp;after=&amp;status=</c>: the caller's owner's jobs, newest first, a page at a
/// time, only those in <c>status</c> when it is given. An admin may name another owner with <c>owner=</c>.
/// </summary>
internal sealed class JobListHandler(JobLifecycle jobs, JobViews views, IOptions<JobOptions> options) : IApiHandler
{
    public async Task HandleAsync(HttpContext context)
    {
        var caller = context.Features.GetRequiredFeature<Caller>();
        var query = context.Request.Query;
        var ((limit, after), pageError) = PageQuery.Read(query, 20, options.Value.MaxPageSize, JobIds.IsWellFormed, "a job");
        if (pageError is not null)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, pageError);
            return;
        }

        var owner = caller.Role >= Role.Admin && query["owner"] is [{ Length: > 0 } named] ? named : caller.Owner;
        if (owner != caller.Owner && Owners.CheckNamed(owner) is { } ownerError)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, ownerError);
            return;
        }

        var status = query["status"] is [{ Length: > 0 } wanted] ? wanted : null;
        if (status is not null && !JobStatus.All.Contains(status))
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, ApiError.InvalidParameter("status", $"status must be one of {string.Join(", ", JobStatus.All)}."));
            return;
        }

        var rows = await jobs.ListAsync(JobLookup.PartitionOf(owner), after, limit + 1, status, context.RequestAborted);
        var page = new List<JobObject>(Math.Min(limit, rows.Count));
        foreach (var row in rows.Take(limit))
        {
            page.Add(await views.ToObjectAsync(row, withResult: false, withDeliveries: false, context.RequestAborted));
        }

        var list = new JobList(page, page.FirstOrDefault()?.Id, page.LastOrDefault()?.Id, rows.Count > limit);
        await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, list, JobsJsonContext.Default.JobList);
    }
}
