using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;

namespace Serverless.Worker.Serving;

/// <summary>
/// Lets only the API run inference: <c>/v1/*</c> needs <see cref="ServeOptions.ApiKey"/> (or the previous key) as a
/// bearer token, <c>/metrics</c> that or <see cref="ServeOptions.MetricsToken"/>; anything else is refused with
/// OpenAI's 401. <c>/healthz</c> and <c>/readyz</c> stay open for the platform's probes.
/// </summary>
internal sealed class WorkerAuthentication(RequestDelegate next, IOptions<ServeOptions> options)
{
    private static readonly ApiError Refused = new(401, new OpenAIError(
        "This worker answers only the API: send its worker key as 'Authorization: Bearer ...'.",
        ErrorTypes.InvalidRequest, null, "invalid_api_key"));

    // Digests, compared in constant time: neither the content nor the length of a key leaks through timing.
    private readonly byte[][] inferenceKeys = Digests(options.Value.ApiKey, options.Value.PreviousApiKey);
    private readonly byte[][] metricsKeys = Digests(options.Value.ApiKey, options.Value.PreviousApiKey, options.Value.MetricsToken);

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var accepted = path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase) ? inferenceKeys
            : path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase) ? metricsKeys
            : null;
        if (accepted is null || Presents(context.Request, accepted))
        {
            return next(context);
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        return OpenAIResponses.WriteErrorAsync(context.Response, Refused);
    }

    private static bool Presents(HttpRequest request, byte[][] accepted)
    {
        const string Scheme = "Bearer ";
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim()));
        var match = false;
        foreach (var key in accepted)
        {
            match |= CryptographicOperations.FixedTimeEquals(presented, key); // no early exit: every key is compared
        }

        return match;
    }

    private static byte[][] Digests(params string?[] keys) =>
        keys.Where(k => !string.IsNullOrEmpty(k)).Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k!))).ToArray();
}
