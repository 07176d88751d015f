using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Serverless.Api.Auth;
using Serverless.Api.Models;
using Serverless.Api.Pipeline;
using Serverless.Api.Prices;
using Serverless.Api.Quotas;
using Serverless.Api.Telemetry;
using Serverless.Api.Usage;
using Serverless.Api.Relay;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;
using Serverless.OpenAI.Models;

namespace Serverless.Api.Routing;

/// <summary>
/// The steps every inference route takes: read and parse the body, validate it, resolve the model, admit it
/// against the caller's limits (a reservation), forward the validated request (never the raw body) to the worker,
/// relay its answer, then settle the reservation to the tokens delivered and record the usage, exactly once.
/// </summary>
internal abstract class ForwardingHandler<TRequest>(ForwardingServices services) : IApiHandler
    where TRequest : class
{
    /// <summary>JSON metadata of the request type.</summary>
    protected abstract JsonTypeInfo<TRequest> TypeInfo { get; }

    /// <summary>The worker path that serves this route.</summary>
    protected abstract string WorkerPath { get; }

    /// <summary>What the route does, for error messages and usage records ("chat completions").</summary>
    protected abstract string Capability { get; }

    public virtual async Task HandleAsync(HttpContext context)
    {
        var aborted = context.RequestAborted;
        var parsed = await JsonBody.ReadAsync(context.Request, TypeInfo, services.Api.Value.MaxRequestBodyBytes);
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

        RequestTelemetry.Of(context)?.ModelRequested(ModelOf(request));
        var caller = context.Features.GetRequiredFeature<Caller>();
        if (!caller.MayUse(ModelOf(request)))
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, AuthErrors.ModelNotAllowed(ModelOf(request)));
            return;
        }

        var (model, error) = await services.Models.ResolveAsync(ModelOf(request), IsCapable, Capability, aborted);
        if (model is not null)
        {
            RequestTelemetry.Of(context)?.ModelResolved(model.Id);
        }

        error ??= ValidateFor(request, model!);
        if (error is not null)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, error);
            return;
        }

        var estimate = Estimate(request, model!);
        var price = await services.Prices.GetAsync(model!.Id, aborted);
        if (price.Unpriced && caller.Role < Role.Admin && !services.PriceOptions.Value.AllowUnpriced)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, PriceErrors.NotPriced(model.Id));
            return;
        }

        var spend = Micros(price.CostOf((int)Math.Min(estimate.PromptTokens, int.MaxValue), (int)Math.Min(estimate.CompletionTokens, int.MaxValue)));
        var (admission, refused, limits) = await services.Quotas.AdmitAsync(caller, model.Id, estimate.Total, spend, aborted);
        if (limits is not null)
        {
            RateLimitHeaders.Write(context.Response, limits, services.Time.GetUtcNow());
        }

        if (refused is not null)
        {
            if (refused.Error.RetryAfter is { } seconds)
            {
                RateLimitHeaders.WriteRetryAfter(context.Response, seconds);
            }

            await OpenAIResponses.WriteErrorAsync(context.Response, refused);
            return;
        }

        await ServeAsync(context, new AdmittedRequest<TRequest>(request, caller, model, price, admission!, estimate.Total));
    }

    /// <summary>Serves an admitted request: relays it to the worker, then settles and records its usage, exactly once.</summary>
    protected virtual async Task ServeAsync(HttpContext context, AdmittedRequest<TRequest> admitted)
    {
        var (request, caller, model, price, admission, budget) = admitted;
        var outcome = RelayOutcome.Failed(StatusCodes.Status500InternalServerError, TimeSpan.Zero);
        try
        {
            outcome = await services.Relay.RelayAsync(context, WorkerPath, request, TypeInfo, budget);
        }
        finally
        {
            // Billing happens whatever became of the call, and never more than once: a failed call releases its
            // reservation, an answered one (even a stream the client left) is charged for the tokens delivered.
            var cost = outcome.Answered ? price.CostOf(outcome.PromptTokens, outcome.CompletionTokens) : 0m;
            await admission.SettleAsync(outcome.Answered, outcome.PromptTokens + outcome.CompletionTokens, Micros(cost), CancellationToken.None);
            services.Usage.Record(new UsageEvent(
                context.TraceIdentifier, caller.KeyId, caller.Owner, model.Id, WorkerPath,
                outcome.PromptTokens, outcome.CompletionTokens, (long)outcome.WorkerTime.TotalMilliseconds,
                outcome.Status, cost, admission.AdmittedAt));
        }
    }

    /// <summary>Adjusts the request to the route it came on (the streaming aliases force <c>stream</c>).</summary>
    protected virtual TRequest Normalize(TRequest request, HttpContext context) => request;

    /// <summary>Checks the request against OpenAI's rules.</summary>
    protected abstract ApiError? Validate(TRequest request);

    /// <summary>The model the request names (validation has ensured there is one).</summary>
    protected abstract string ModelOf(TRequest request);

    /// <summary>Whether a model can serve this route.</summary>
    protected abstract bool IsCapable(ModelCapabilities capabilities);

    /// <summary>An upper bound of the tokens the request can use, for its reservation.</summary>
    protected abstract TokenEstimate Estimate(TRequest request, Model model);

    /// <summary>Checks the request against the resolved model.</summary>
    protected virtual ApiError? ValidateFor(TRequest request, Model model) => null;

    /// <summary>An amount of money in the millionths the quota counters count.</summary>
    protected static long Micros(decimal amount) => (long)decimal.Ceiling(amount * 1_000_000m);
}
