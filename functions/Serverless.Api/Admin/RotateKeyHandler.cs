using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Serverless.Api.Auth;
using Serverless.Api.Keys;
using Serverless.Api.Routing;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Admin;

/// <summary><c>POST /v1/admin/keys/{id}/rotate</c>: a new secret for the same key; the old one works for a grace period.</summary>
internal sealed class RotateKeyHandler(ApiKeyStore store, ApiKeyCache cache, TimeProvider time, IOptions<AuthOptions> options) : IApiHandler
{
    public async Task HandleAsync(HttpContext context)
    {
        var id = AdminPaths.KeyId(context.Request.Path.Value!);
        var (grace, error) = await GracePeriod.ReadAsync(context.Request, options.Value.RotationGracePeriod);
        if (error is not null)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, error);
            return;
        }

        var rotated = await store.RotateAsync(id, grace, context.RequestAborted);
        if (rotated is not { } result)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, KeyNotFound.For(id));
            return;
        }

        cache.Clear();
        var body = KeyObject.From(result.Key, time.GetUtcNow(), result.Secret);
        await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, body, AdminJsonContext.Default.KeyObject);
    }
}
