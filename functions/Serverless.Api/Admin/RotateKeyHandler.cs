using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Serverless.Api.Auth;
using Serverless.Api.Keys;
using Serverless.Api.Routing;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Admin;

/// <summary><c>POST /v1/admin/keys/{id}/rotate</c>: a new secret for the same key; the old one works for a grace period.</summary>
internal sealed class RotateKeyHandler(ApiKeyStore store, ApiKeyCache cache, TimeProvider time, IOptions<AuthOptions> options) : IApiHandler
{
    private const long MaxGraceSeconds = 30L * 24 * 3600;

    public async Task HandleAsync(HttpContext context)
    {
        var id = AdminPaths.KeyId(context.Request.Path.Value!);
        var grace = options.Value.RotationGracePeriod;
        if (context.Request.ContentLength > 0)
        {
            var parsed = await JsonBody.ReadAsync(context.Request, AdminJsonContext.Default.RotateRequest, 64 * 1024);
            if (!parsed.Succeeded)
            {
                await OpenAIResponses.WriteErrorAsync(context.Response, parsed.Error);
                return;
            }

            if (parsed.Value.GracePeriodSeconds is { } seconds)
            {
                if (seconds is < 0 or > MaxGraceSeconds)
                {
                    await OpenAIResponses.WriteErrorAsync(context.Response, ApiError.InvalidParameter("grace_period_seconds", "grace_period_seconds must be 0 to 30 days."));
                    return;
                }

                grace = TimeSpan.FromSeconds(seconds);
            }
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
