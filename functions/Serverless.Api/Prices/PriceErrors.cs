using Serverless.OpenAI.Errors;

namespace Serverless.Api.Prices;

/// <summary>The answer to a metered request for a model that has no price.</summary>
internal static class PriceErrors
{
    public static ApiError NotPriced(string model) => new(403, new OpenAIError(
        $"The model '{model}' has no price yet, so it cannot be used with this key. Ask your administrator to set one (PUT /v1/admin/prices/{model}).",
        ErrorTypes.InvalidRequest, "model", "model_not_priced"));
}
