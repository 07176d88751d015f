using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Serverless.Api.Auth;
using Serverless.Api.Routing;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Usage;

/// <summary>
/// <c>GET /v1/usage</c> (a range, by model or by day) and <c>GET /v1/usage/daily</c> (this month, or one day), read
/// from the daily rollups: a month costs one partition range query, never a scan of request records.
/// </summary>
internal sealed partial class UsageHandler(UsageRecorder recorder, UsageRollups rollups, TimeProvider time, ILogger<UsageHandler> logger) : IApiHandler
{
    private static readonly ApiError Unavailable = new(503, new OpenAIError(
        "Usage cannot be read right now. Please retry shortly.", ErrorTypes.Server, null, "usage_unavailable"));

    public async Task HandleAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var caller = context.Features.GetRequiredFeature<Caller>();
        var now = time.GetUtcNow();
        var (range, error) = context.Request.Path.Value!.EndsWith("/daily", StringComparison.Ordinal)
            ? UsageQuery.ForDaily(query["date"], query["group_by"], now)
            : UsageQuery.ForRange(query["start"], query["end"], query["group_by"], now);
        var (owner, ownerError) = UsageQuery.OwnerFor(caller, query["owner"]);
        if ((error ?? ownerError) is { } invalid)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, invalid);
            return;
        }

        try
        {
            // What this instance has buffered shows at once; other instances' within their flush interval.
            await recorder.FlushAsync(context.RequestAborted);
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException)
        {
            LogFlushBeforeReadFailed(e);
        }

        IReadOnlyList<DailyUsage> rows;
        try
        {
            rows = await rollups.ReadAsync(owner!, range!.From, range.To, context.RequestAborted);
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException && !context.RequestAborted.IsCancellationRequested)
        {
            LogStorageUnavailable(e);
            await OpenAIResponses.WriteErrorAsync(context.Response, Unavailable);
            return;
        }

        var body = UsageReport.Build(rows, range.GroupBy);
        await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, body, UsageJsonContext.Default.UsageList);
    }

    [LoggerMessage(EventId = 5020, Level = LogLevel.Warning, Message = "Writing buffered usage before a usage read failed; it shows after a later flush")]
    private partial void LogFlushBeforeReadFailed(Exception exception);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Error, Message = "Usage storage is unavailable; answering 503")]
    private partial void LogStorageUnavailable(Exception exception);
}
