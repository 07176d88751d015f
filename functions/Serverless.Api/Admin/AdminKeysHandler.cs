using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Serverless.Api.Auth;
using Serverless.Api.Keys;
using Serverless.Api.Pipeline;
using Serverless.Api.Routing;
using Serverless.Api.Webhooks;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Admin;

/// <summary>
/// <c>GET /v1/admin/keys</c> lists keys (<c>?owner=</c> filters); <c>POST</c> creates one and shows its secret and
/// its webhook secret once.
/// </summary>
internal sealed class AdminKeysHandler(
    ApiKeyStore store, WebhookSecretStore webhookSecrets, TimeProvider time, IOptions<ApiOptions> options, IOptions<WebhookOptions> webhookOptions) : IApiHandler
{
    public async Task HandleAsync(HttpContext context)
    {
        var now = time.GetUtcNow();
        if (HttpMethods.IsGet(context.Request.Method))
        {
            var owner = context.Request.Query["owner"].ToString();
            if (owner.Length > 0 && Owners.CheckNamed(owner) is { } ownerError)
            {
                await OpenAIResponses.WriteErrorAsync(context.Response, ownerError);
                return;
            }

            var keys = await store.ListAsync(owner.Length > 0 ? owner : null, context.RequestAborted);
            var list = new KeyList(keys.Select(k => KeyObject.From(k, now)).ToArray());
            await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, list, AdminJsonContext.Default.KeyList);
            return;
        }

        var parsed = await JsonBody.ReadAsync(context.Request, AdminJsonContext.Default.KeyRequest, options.Value.MaxRequestBodyBytes);
        var (spec, error) = parsed.Succeeded ? KeyRequestValidator.ForCreate(parsed.Value, now) : (null, parsed.Error);
        error ??= KeyWebhookScheme.Check(parsed.Value?.Webhook, webhookOptions.Value);
        if (error is not null)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, error);
            return;
        }

        var (key, secret) = await store.CreateAsync(spec!, context.RequestAborted);

        // Not cancelled with the request: the key exists now, and a key without its webhook secret signs with the legacy one.
        var webhookSecret = await webhookSecrets.CreateAsync(key.Id, CancellationToken.None);
        var body = KeyObject.From(key, now, secret, webhookSecret);
        await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status201Created, body, AdminJsonContext.Default.KeyObject);
    }
}
