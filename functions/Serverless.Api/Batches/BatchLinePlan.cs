using System.Text.Json;
using Serverless.Api.Prices;
using Serverless.Api.Quotas;
using Serverless.OpenAI.Errors;

namespace Serverless.Api.Batches;

/// <summary>One batch line as its route would serve it: the validated request to run, or the error to report.</summary>
/// <param name="Request">The validated request (never the raw line), or null when refused.</param>
/// <param name="Model">The resolved model.</param>
/// <param name="Estimate">The most tokens it can use.</param>
/// <param name="Price">The model's price.</param>
/// <param name="Error">Why it cannot run.</param>
internal sealed record BatchLinePlan(JsonElement? Request, string? Model, TokenEstimate Estimate, ModelPrice? Price, ApiError? Error)
{
    /// <summary>A line that cannot run.</summary>
    public static BatchLinePlan Refused(ApiError error) => new(null, null, default, null, error);
}
