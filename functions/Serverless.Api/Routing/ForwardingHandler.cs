using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Serverless.Api.Auth;
using Serverless.Api.Models;
using Serverless.Api.Pipeline;
using Serverless.Api.Worker;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;
using Serverless.OpenAI.Models;

namespace Serverless.Api.Routing;

/// <summary>
/// The steps every inference route takes: read and parse the body, validate it, resolve the model, then forward
/// the validated request (never the raw body) to the worker and relay its answer.
/// </summary>
internal abstract class ForwardingHandler<TRequest>(ModelRegistry registry, WorkerRelay relay, IOptions<ApiOptions> options) : IApiHandler
    where TRequest : class
{
    /// <summary>JSON metadata of the request type.</summary>
    protected abstract JsonTypeInfo<TRequest> TypeInfo { get; }

    /// <summary>The worker path that serves this route.</summary>
    protected abstract string WorkerPath { get; }

    /// <summary>What the route does, for error messages ("chat completions").</summary>
    protected abstract string Capability { get; }

    public async Task HandleAsync(HttpContext context)
    {
        var parsed = await JsonBody.ReadAsync(context.Request, TypeInfo, options.Value.MaxRequestBodyBytes);
        if (!parsed.Succeeded)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, parsed.Error);
            return;
        }

        var request = Normalize(parsed.Value, context);
        if (Validate(request) is { } invalid)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, invalid);
            return;
        }

        var caller = context.Features.GetRequiredFeature<Caller>();
        if (!caller.MayUse(ModelOf(request)))
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, AuthErrors.ModelNotAllowed(ModelOf(request)));
            return;
        }

        var (model, error) = await registry.ResolveAsync(ModelOf(request), IsCapable, Capability, context.RequestAborted);
        error ??= ValidateFor(request, model!);
        if (error is not null)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, error);
            return;
        }

        await relay.RelayAsync(context, WorkerPath, request, TypeInfo);
    }

    /// <summary>Adjusts the request to the route it came on (the streaming aliases force <c>stream</c>).</summary>
    protected virtual TRequest Normalize(TRequest request, HttpContext context) => request;

    /// <summary>Checks the request against OpenAI's rules.</summary>
    protected abstract ApiError? Validate(TRequest request);

    /// <summary>The model the request names (validation has ensured there is one).</summary>
    protected abstract string ModelOf(TRequest request);

    /// <summary>Whether a model can serve this route.</summary>
    protected abstract bool IsCapable(ModelCapabilities capabilities);

    /// <summary>Checks the request against the resolved model.</summary>
    protected virtual ApiError? ValidateFor(TRequest request, Model model) => null;
}
