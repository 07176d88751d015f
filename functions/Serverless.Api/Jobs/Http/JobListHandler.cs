using System.Globalization;
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
/// <c>GET /v1/async/completions?limit=&amp;after=</c>: the caller's owner's jobs, newest first, a page at a time.
/// An admin may name another owner with <c>owner=</c>.
/// </summary>
internal sealed class JobListHandler(JobLifecycle jobs, JobViews views, IOptions<JobOptions> options) : IApiHandler
{
    public async Task HandleAsync(HttpContext context)
    {
        var caller = context.Features.GetRequiredFeature<Caller>();
        var query = context.Request.Query;
        var max = options.Value.MaxPageSize;
        var limit = 20;
        if (query.TryGetValue("limit", out var text) && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > max))
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, ApiError.InvalidParameter("limit", $"limit must be between 1 and {max}."));
            return;
        }

        string? after = query["after"];
        if (after is not null && !JobIds.IsWellFormed(after))
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, ApiError.InvalidParameter("after", "after must be a job id."));
            return;
        }

        var owner = caller.Role >= Role.Admin && query["owner"] is [{ Length: > 0 } named] ? named : caller.Owner;
        if (owner != caller.Owner && Owners.CheckNamed(owner) is { } ownerError)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, ownerError);
            return;
        }

        var rows = await jobs.ListAsync(JobLookup.PartitionOf(owner), after, limit + 1, context.RequestAborted);
        var page = new List<JobObject>(Math.Min(limit, rows.Count));
        foreach (var row in rows.Take(limit))
        {
            page.Add(await views.ToObjectAsync(row, withResult: false, withDeliveries: false, context.RequestAborted));
        }

        var list = new JobList(page, page.FirstOrDefault()?.Id, page.LastOrDefault()?.Id, rows.Count > limit);
        await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, list, JobsJsonContext.Default.JobList);
    }
}
