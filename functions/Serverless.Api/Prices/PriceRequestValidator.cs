using Serverless.OpenAI.Errors;

namespace Serverless.Api.Prices;

/// <summary>Checks admin price requests; the first problem is a 400 naming the field.</summary>
internal static class PriceRequestValidator
{
    /// <summary>No real model costs this much per 1,000 tokens; a larger value is a typo (a total pasted for a rate).</summary>
    public const decimal MaxPer1K = 1000m;

    /// <summary>Finer than this is not a price but noise, and it would bloat every cost summed from it.</summary>
    public const int MaxDecimalPlaces = 10;

    private const int MaxModelLength = 256;

    /// <summary>Validates the model id of the path.</summary>
    public static ApiError? CheckModel(string model) =>
        model.Length is 0 or > MaxModelLength || string.IsNullOrWhiteSpace(model) || model.Any(char.IsControl)
            ? ApiError.InvalidParameter("model", $"The model id must be 1 to {MaxModelLength} printable characters.")
            : null;

    /// <summary>Validates a request and builds the price from it.</summary>
    public static (ModelPrice? Price, ApiError? Error) ForPut(string model, PriceRequest request)
    {
        if ((CheckModel(model) ?? Check("input_per_1k", request.InputPer1K) ?? Check("output_per_1k", request.OutputPer1K)
            ?? (request.CachedPer1K is null ? null : Check("cached_per_1k", request.CachedPer1K))) is { } error)
        {
            return (null, error);
        }

        return (new ModelPrice(model, request.InputPer1K!.Value, request.OutputPer1K!.Value, request.CachedPer1K), null);
    }

    private static ApiError? Check(string field, decimal? value) => value switch
    {
        null => ApiError.InvalidParameter(field, $"You must provide the '{field}' parameter.", "missing_required_parameter"),
        < 0 => ApiError.InvalidParameter(field, $"{field} must not be negative."),
        > MaxPer1K => ApiError.InvalidParameter(field, $"{field} must be at most {MaxPer1K} per 1,000 tokens."),
        _ when Money.Normalize(value.Value).Scale > MaxDecimalPlaces =>
            ApiError.InvalidParameter(field, $"{field} must have at most {MaxDecimalPlaces} decimal places."),
        _ => null,
    };
}
