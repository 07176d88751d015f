using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Serverless.Api.Keys;
using Serverless.Api.Pipeline;
using Serverless.Api.Routing;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Tiers;

/// <summary><c>GET</c> and <c>PUT /v1/admin/tiers/{name}</c>: read or set a tier's limits (and tighter ones per model).</summary>
internal sealed class AdminTierHandler(TierStore tiers, IOptions<ApiOptions> options) : IApiHandler
{
    private const string Prefix = "/v1/admin/tiers/";

    public async Task HandleAsync(HttpContext context)
    {
        var name = Uri.UnescapeDataString(context.Request.Path.Value![Prefix.Length..]);
        if (name.Length is 0 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, ApiError.InvalidParameter("name", "A tier name is 1 to 64 letters, digits, - or _."));
            return;
        }

        if (HttpMethods.IsGet(context.Request.Method))
        {
            var tier = await tiers.GetAsync(name, context.RequestAborted);
            await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, TierObject.From(tier), TierJsonContext.Default.TierObject);
            return;
        }

        var parsed = await JsonBody.ReadAsync(context.Request, TierJsonContext.Default.TierRequest, options.Value.MaxRequestBodyBytes);
        var error = parsed.Error ?? Check(parsed.Value!);
        if (error is not null)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, error);
            return;
        }

        var saved = await tiers.PutAsync(
            new Tier(name, parsed.Value!.Limits ?? new KeyLimits(), parsed.Value.ModelLimits ?? new Dictionary<string, KeyLimits>()),
            context.RequestAborted);
        await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, TierObject.From(saved), TierJsonContext.Default.TierObject);
    }

    private static ApiError? Check(TierRequest request)
    {
        if (request.Limits?.FirstInvalidField() is { } field)
        {
            return ApiError.InvalidParameter($"limits.{field}", $"limits.{field} must be a positive number within reason.");
        }

        foreach (var (model, limits) in request.ModelLimits ?? new Dictionary<string, KeyLimits>())
        {
            if (limits?.FirstInvalidField() is { } modelField)
            {
                return ApiError.InvalidParameter($"model_limits.{model}.{modelField}", $"model_limits.{model}.{modelField} must be a positive number within reason.");
            }

            if (limits is { Priority: not null } or { ResponseCache: not null })
            {
                var setting = limits.Priority is not null ? "priority" : "response_cache";
                return ApiError.InvalidParameter($"model_limits.{model}.{setting}", $"{setting} is set for the whole tier, not per model.");
            }
        }

        return null;
    }
}
