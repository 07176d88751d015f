using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Serverless.Inference;
using Serverless.Jobs;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;
using Serverless.Worker.Generation;

namespace Serverless.Worker.Serving;

/// <summary>
/// What both generation routes do before generating: read and validate the body, find the model, plan the choices
/// within the gateway's token budget (<c>x-token-budget</c>) and in the caller's class (<c>x-priority</c>: <c>high</c>,
/// <c>normal</c> or <c>low</c>; normal when absent), by which they join a full batch.
/// </summary>
internal static class GenerationIntake
{
    /// <summary>The request, its model and its plan; or null once the OpenAI error has been written.</summary>
    public static async Task<(TRequest Request, GenerationModel Model, GenerationPlan Plan)?> ReadAsync<TRequest>(
        HttpContext context,
        ModelCatalog catalog,
        long maxBodyBytes,
        JsonTypeInfo<TRequest> typeInfo,
        Func<TRequest, ApiError?> validate,
        Func<TRequest, string> modelOf,
        string endpoint,
        Func<GenerationModel, TRequest, long?, (GenerationPlan? Plan, ApiError? Error)> plan)
        where TRequest : class
    {
        var parsed = await JsonBody.ReadAsync(context.Request, typeInfo, maxBodyBytes);
        var error = parsed.Error ?? validate(parsed.Value!);
        GenerationModel? model = null;
        if (error is null)
        {
            (model, error) = ModelLookup.Generation(catalog, modelOf(parsed.Value!), endpoint);
        }

        var (planned, planError) = error is null ? plan(model!, parsed.Value!, TokenBudget(context.Request)) : (null, error);
        if (planError is not null)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, planError);
            return null;
        }

        return (parsed.Value!, model!, planned!.InClass(PriorityClasses.Parse(context.Request.Headers[PriorityClasses.HeaderName])));
    }

    /// <summary>The tokens the gateway reserved for the request (<c>x-token-budget</c>), if it said.</summary>
    private static long? TokenBudget(HttpRequest request) =>
        long.TryParse(request.Headers["x-token-budget"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var budget)
            ? budget
            : null;
}
