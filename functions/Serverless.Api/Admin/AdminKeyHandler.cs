using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Serverless.Api.Keys;
using Serverless.Api.Pipeline;
using Serverless.Api.Routing;
using Serverless.Api.Webhooks;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Admin;

/// <summary><c>GET</c>, <c>PATCH</c> and <c>DELETE</c> (revoke) of <c>/v1/admin/keys/{id}</c>.</summary>
internal sealed class AdminKeyHandler(
    ApiKeyStore store, ApiKeyCache cache, TimeProvider time, IOptions<ApiOptions> options, IOptions<WebhookOptions> webhookOptions) : IApiHandler
{
    public async Task HandleAsync(HttpContext context)
    {
        var id = AdminPaths.KeyId(context.Request.Path.Value!);
        var aborted = context.RequestAborted;
        ApiKeyRecord? key;
        if (HttpMethods.IsDelete(context.Request.Method))
        {
            key = await store.RevokeAsync(id, aborted);
        }
        else if (HttpMethods.IsPatch(context.Request.Method))
        {
            var parsed = await JsonBody.ReadAsync(context.Request, AdminJsonContext.Default.KeyRequest, options.Value.MaxRequestBodyBytes);
            var (change, error) = parsed.Succeeded ? KeyRequestValidator.ForUpdate(parsed.Value, time.GetUtcNow()) : (null, parsed.Error);
            error ??= KeyWebhookScheme.Check(parsed.Value?.Webhook, webhookOptions.Value);
            if (error is not null)
            {
                await OpenAIResponses.WriteErrorAsync(context.Response, error);
                return;
            }

            key = await store.UpdateAsync(id, change!, aborted);
        }
        else
        {
            key = await store.GetAsync(id, aborted);
        }

        if (key is null)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, KeyNotFound.For(id));
            return;
        }

        // This instance forgets at once; the others within the cache TTL.
        cache.Clear();
        await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, KeyObject.From(key, time.GetUtcNow()), AdminJsonContext.Default.KeyObject);
    }
}
