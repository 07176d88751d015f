using Microsoft.AspNetCore.Http;
using Serverless.Api.Routing;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Prices;

/// <summary><c>GET</c>, <c>PUT</c> (set) and <c>DELETE</c> (make free again) of <c>/v1/admin/prices/{model}</c>.</summary>
internal sealed class AdminPriceHandler(PriceTable prices) : IApiHandler
{
    private const string Prefix = "/v1/admin/prices/";
    private const long MaxBodyBytes = 16 * 1024;

    public async Task HandleAsync(HttpContext context)
    {
        // Both hosts fill route values differently; the path is the same (a model id with '/' arrives as %2F).
        var model = Uri.UnescapeDataString(context.Request.Path.Value![Prefix.Length..]);
        if (PriceRequestValidator.CheckModel(model) is { } invalid)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, invalid);
            return;
        }

        var aborted = context.RequestAborted;
        PriceRecord? stored;
        if (HttpMethods.IsPut(context.Request.Method))
        {
            var parsed = await JsonBody.ReadAsync(context.Request, PricesJsonContext.Default.PriceRequest, MaxBodyBytes);
            var (price, error) = parsed.Succeeded ? PriceRequestValidator.ForPut(model, parsed.Value) : (null, parsed.Error);
            if (error is not null)
            {
                await OpenAIResponses.WriteErrorAsync(context.Response, error);
                return;
            }

            stored = await prices.PutAsync(price!, aborted);
        }
        else if (HttpMethods.IsDelete(context.Request.Method))
        {
            stored = await prices.FindAsync(model, aborted);
            if (stored is not null && !await prices.DeleteAsync(model, aborted))
            {
                stored = null;
            }
        }
        else
        {
            stored = await prices.FindAsync(model, aborted);
        }

        if (stored is null)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, new ApiError(404, new OpenAIError(
                $"No price is set for the model '{model}'; it costs nothing until one is.", ErrorTypes.InvalidRequest, "model", "price_not_found")));
            return;
        }

        await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, PriceObject.From(stored), PricesJsonContext.Default.PriceObject);
    }
}
