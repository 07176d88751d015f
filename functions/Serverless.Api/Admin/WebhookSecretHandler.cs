using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Api.Keys;
using Serverless.Api.Routing;
using Serverless.Api.Webhooks;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Admin;

/// <summary>
/// A key's webhook secret: <c>POST /v1/admin/keys/{id}/webhook_secret/rotate</c> issues a new one (shown once as
/// <c>webhook_secret</c>) while the one it replaces keeps signing for a grace period, and
/// <c>DELETE /v1/admin/keys/{id}/webhook_secret/previous</c> stops the replaced one signing before that.
/// </summary>
internal sealed class WebhookSecretHandler(
    ApiKeyStore keys, WebhookSecretStore secrets, TimeProvider time, IOptions<WebhookOptions> options, ILogger<WebhookSecretHandler> logger) : IApiHandler
{
    public async Task HandleAsync(HttpContext context)
    {
        var id = AdminPaths.KeyId(context.Request.Path.Value!);
        var rotate = HttpMethods.IsPost(context.Request.Method);
        var (grace, error) = rotate ? await GracePeriod.ReadAsync(context.Request, options.Value.SecretGracePeriod) : (TimeSpan.Zero, null);
        if (error is not null)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, error);
            return;
        }

        if (await keys.GetAsync(id, context.RequestAborted) is not { } key)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, KeyNotFound.For(id));
            return;
        }

        KeyObject body;
        if (rotate)
        {
            // Not cancelled with the request: a rotation stored but never shown would leave the key's receiver without its secret.
            var rotation = await secrets.RotateAsync(id, grace, CancellationToken.None);
            WebhookLog.SecretRotated(logger, id, rotation.PreviousValidUntil);
            body = KeyObject.From(key, time.GetUtcNow(), webhookSecret: rotation.Secret, webhookSecretPreviousExpiresAt: rotation.PreviousValidUntil);
        }
        else if (await secrets.DropPreviousAsync(id, context.RequestAborted))
        {
            WebhookLog.PreviousSecretDropped(logger, id);
            body = KeyObject.From(key, time.GetUtcNow());
        }
        else
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, NoSecretOfItsOwn(id));
            return;
        }

        await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, body, AdminJsonContext.Default.KeyObject);
    }

    private static ApiError NoSecretOfItsOwn(string id) => new(404, new OpenAIError(
        $"The API key '{id}' has no webhook secret of its own yet (the deployment's legacy secret signs its webhooks); rotate it to issue one.",
        ErrorTypes.InvalidRequest,
        "id",
        "webhook_secret_not_found"));
}
