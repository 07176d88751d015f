using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Serverless.Api.Auth;
using Serverless.Api.Batches;
using Serverless.Api.Caching;
using Serverless.Api.Catalog;
using Serverless.Api.Models;
using Serverless.Api.Pipeline;
using Serverless.Api.Prices;
using Serverless.Api.Quotas;
using Serverless.Api.Relay;
using Serverless.Api.Telemetry;
using Serverless.Api.Upstreams;
using Serverless.Api.Usage;
using Serverless.Jobs;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;
using Serverless.OpenAI.Models;

namespace Serverless.Api.Routing;

/// <summary>
/// The steps every inference route takes: read and parse the body, validate it, resolve the model, admit it
/// against the caller's limits (a reservation), forward the validated request (never the raw body) to the worker,
/// relay its answer, then settle the reservation to the tokens delivered and record the usage, exactly once.
/// </summary>
internal abstract class ForwardingHandler<TRequest>(ForwardingServices services) : IApiHandler, IBatchableRoute
    where TRequest : class
{
    /// <summary>JSON metadata of the request type.</summary>
    protected abstract JsonTypeInfo<TRequest> TypeInfo { get; }

    /// <summary>The worker path that serves this route.</summary>
    public abstract string WorkerPath { get; }

    /// <summary>What the route does, for error messages and usage records ("chat completions").</summary>
    protected abstract string Capability { get; }

    /// <summary>Whether a request may name a catalog model (routed to its deployments); the async routes' jobs run on the worker only.</summary>
    protected virtual bool RoutesThroughCatalog => true;

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
        RequestTelemetry.Of(context)?.UserSent(UserOf(request));
        if (context.Features.Get<ApiRoute>() is { } route && services.Deprecations.HasBodyParameters(route.Name))
        {
            services.Deprecations.ApplyToBody(context, route, JsonSerializer.SerializeToElement(request, TypeInfo));
        }

        var caller = context.Features.GetRequiredFeature<Caller>();
        var (prepared, error) = await PrepareAsync(request, caller, RequestTelemetry.Of(context), RoutesThroughCatalog, aborted);
        if (error is not null)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, error);
            return;
        }

        var (model, price, estimate) = (prepared!.Model, prepared.Price, prepared.Estimate);
        var spend = Micros(price.CostOf((int)Math.Min(estimate.PromptTokens, int.MaxValue), (int)Math.Min(estimate.CompletionTokens, int.MaxValue)));
        var (admission, refused, limits) = await services.Quotas.AdmitAsync(caller, model.Id, estimate.Total, spend, aborted);
        if (limits is not null)
        {
            RateLimitHeaders.Write(context.Response, limits, services.Time.GetUtcNow());
        }

        if (refused is not null)
        {
            services.Usage.Record(new UsageEvent(
                context.TraceIdentifier, caller.KeyId, caller.Owner, model.Id, WorkerPath, 0, 0, 0, refused.StatusCode, 0m, services.Time.GetUtcNow()));
            if (refused.Error.RetryAfter is { } seconds)
            {
                RateLimitHeaders.WriteRetryAfter(context.Response, seconds);
            }

            await OpenAIResponses.WriteErrorAsync(context.Response, refused);
            return;
        }

        context.Features.Set(new CallPriority(admission!.Limits.Priority ?? PriorityClass.Normal)); // the relays pass it to our own worker
        await ServeAsync(context, new AdmittedRequest<TRequest>(prepared.Request, caller, model, price, admission!, estimate.Total, prepared.Route));
    }

    /// <summary>
    /// Serves an admitted request: from the response cache when the caller opted in and an exact repeat is kept there,
    /// else relays it to the worker (keeping a deterministic whole answer); then settles and records its usage, exactly once.
    /// </summary>
    protected virtual async Task ServeAsync(HttpContext context, AdmittedRequest<TRequest> admitted)
    {
        var caching = CachingOf(context, admitted);
        if (caching is { Directive.MayRead: true } && await ServeCachedAsync(context, admitted, caching.Value.Key))
        {
            return;
        }

        if (caching is not null)
        {
            context.Response.Headers[ResponseCacheHeaders.Cache] = ResponseCacheHeaders.Miss;
        }

        var served = await RelayAsync(context, admitted);
        if (caching is { Directive.MayWrite: true } && served.Outcome is { Answered: true, Status: StatusCodes.Status200OK, WholeBody: { } body })
        {
            var answer = new CachedAnswer(served.Model.Id, context.Response.Headers[UpstreamRelay.ServedByHeader].ToString() is { Length: > 0 } by ? by : null,
                served.Outcome.PromptTokens, served.Outcome.CompletionTokens, body);
            await services.Cache.SetAsync(caching.Value.Key, answer, CancellationToken.None);
        }
    }

    /// <summary>Relays an admitted request to the worker or its catalog route, then settles and records its usage, exactly once; what it came to and the model that served it.</summary>
    private async Task<(RelayOutcome Outcome, Model Model)> RelayAsync(HttpContext context, AdmittedRequest<TRequest> admitted)
    {
        var (request, caller, model, price, admission, budget, route) = admitted;
        var outcome = RelayOutcome.Failed(StatusCodes.Status500InternalServerError, TimeSpan.Zero);
        try
        {
            if (route is null)
            {
                outcome = await services.Relay.RelayAsync(context, WorkerPath, request, TypeInfo, budget);
            }
            else
            {
                var routed = await services.Upstreams.RelayAsync(context, route, WorkerPath, request, TypeInfo, budget);
                outcome = routed.Outcome;
                if (routed.Served is { } served && served.Id != model.Id)
                {
                    // A fallback served: the bill names it, at its price.
                    (model, price) = (served.ToModel(), await services.Prices.GetAsync(served.Id, CancellationToken.None));
                }
            }
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

        return (outcome, model);
    }

    /// <summary>
    /// Where this request's answer is kept and what its <c>Cache-Control</c> allows, when the caller opted in to the
    /// response cache and the request is deterministic; null otherwise (it is neither looked up nor kept).
    /// </summary>
    private (ResponseCacheKey Key, CacheDirective Directive)? CachingOf(HttpContext context, AdmittedRequest<TRequest> admitted)
    {
        if (admitted.Admission.Limits.ResponseCache != true || CacheableForm(admitted.Request) is not { } form)
        {
            return null;
        }

        var directive = CacheDirective.Of(context.Request);
        return directive is { MayRead: false, MayWrite: false }
            ? null
            : (ResponseCacheKey.For(admitted.Caller.Owner, WorkerPath, admitted.Model.Id, JsonSerializer.SerializeToUtf8Bytes(form, TypeInfo)), directive);
    }

    /// <summary>
    /// Answers from the response cache when it keeps <paramref name="key"/>: the kept bytes, billed for their tokens at
    /// the cached price of the model that generated them and recorded as cached; false on a miss.
    /// </summary>
    private async Task<bool> ServeCachedAsync(HttpContext context, AdmittedRequest<TRequest> admitted, ResponseCacheKey key)
    {
        var found = await services.Cache.GetAsync(key);
        services.Metrics.ResponseCacheLookedUp(admitted.Model.Id, found is not null);
        if (found is not { } hit)
        {
            return false;
        }

        var (caller, admission) = (admitted.Caller, admitted.Admission);
        var price = hit.Model == admitted.Model.Id ? admitted.Price : await services.Prices.GetAsync(hit.Model, CancellationToken.None);
        var cost = price.CachedCostOf(hit.PromptTokens, hit.CompletionTokens);
        try
        {
            var response = context.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = OpenAIResponses.JsonContentType;
            response.ContentLength = hit.Body.Length; // the client has the whole answer once the bytes arrive, before settling and logging end
            response.Headers[ResponseCacheHeaders.Cache] = ResponseCacheHeaders.Hit;
            if (hit.ServedBy is { } servedBy)
            {
                response.Headers[UpstreamRelay.ServedByHeader] = servedBy;
            }

            RequestTiming.ReportUpstream(context, TimeSpan.Zero); // all of it the gateway's own time
            RequestTelemetry.Of(context)?.Tokens(hit.PromptTokens, hit.CompletionTokens);
            await response.Body.WriteAsync(hit.Body, context.RequestAborted);
        }
        finally
        {
            // Billed like any answer, once, whether or not the client read it all.
            await admission.SettleAsync(true, hit.PromptTokens + hit.CompletionTokens, Micros(cost), CancellationToken.None);
            services.Usage.Record(new UsageEvent(
                context.TraceIdentifier, caller.KeyId, caller.Owner, hit.Model, WorkerPath,
                hit.PromptTokens, hit.CompletionTokens, 0, StatusCodes.Status200OK, cost, admission.AdmittedAt) { Cached = true });
        }

        return true;
    }

    /// <summary>
    /// Plans one line of a batch as this route would serve it: the same parsing, validation, model, estimate and
    /// price checks, without a request; the error a line would have been answered with otherwise.
    /// </summary>
    public async Task<BatchLinePlan> PlanLineAsync(JsonElement body, Caller caller, CancellationToken cancellationToken)
    {
        TRequest? request;
        try
        {
            request = body.Deserialize(TypeInfo);
        }
        catch (JsonException e)
        {
            return BatchLinePlan.Refused(ApiError.InvalidJson(e.Message));
        }

        if (request is null)
        {
            return BatchLinePlan.Refused(ApiError.InvalidJson("The body must be a JSON object."));
        }

        var (prepared, error) = await PrepareAsync(request, caller, null, useCatalog: false, cancellationToken);
        return prepared is null
            ? BatchLinePlan.Refused(error!)
            : new BatchLinePlan(JsonSerializer.SerializeToElement(prepared.Request, TypeInfo), prepared.Model.Id, prepared.Estimate, prepared.Price, null);
    }

    /// <summary>
    /// Checks a parsed request against OpenAI's rules, the caller's models, the resolved model and the price list;
    /// the request with its model, price and token estimate, or the error to answer.
    /// </summary>
    private async Task<(PreparedRequest? Prepared, ApiError? Error)> PrepareAsync(
        TRequest request, Caller caller, RequestTelemetry? telemetry, bool useCatalog, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } invalid)
        {
            return (null, invalid);
        }

        telemetry?.ModelRequested(ModelOf(request));
        var catalog = useCatalog ? await services.Catalog.GetAsync(cancellationToken) : CatalogSnapshot.Empty;
        if (ModelOf(request) == AutoModel.Name)
        {
            var (chosen, unavailable) = await ChooseAutoAsync(catalog, caller, cancellationToken);
            if (unavailable is not null)
            {
                return (null, unavailable);
            }

            request = WithModel(request, chosen!);
        }

        var entry = catalog.Find(ModelOf(request));
        if (!caller.MayUse(ModelOf(request)) && (entry is null || !caller.MayUse(entry.Id)))
        {
            return (null, AuthErrors.ModelNotAllowed(ModelOf(request)));
        }

        var (model, error) = entry is null
            ? await services.Models.ResolveAsync(ModelOf(request), IsCapable, Capability, cancellationToken)
            : IsCapable(entry.ToModel().Capabilities)
                ? (entry.ToModel(), null)
                : (null, ApiError.InvalidParameter("model", $"The model '{ModelOf(request)}' does not support {Capability}.", "model_not_supported"));
        if (model is not null)
        {
            telemetry?.ModelResolved(model.Id);
        }

        error ??= ValidateFor(request, model!);
        if (error is not null)
        {
            return (null, error);
        }

        var price = await services.Prices.GetAsync(model!.Id, cancellationToken);
        if (!MayBill(price, caller))
        {
            return (null, PriceErrors.NotPriced(model.Id));
        }

        var estimate = Estimate(request, model);
        var route = entry is null ? null : new RoutePlan([entry, .. await FallbacksAsync(entry, catalog, caller, cancellationToken)], estimate.CompletionTokens);
        return (new PreparedRequest(request, model, price, estimate, route), null);
    }

    /// <summary>The model <see cref="AutoModel"/> chooses for this route and caller, or why there is none.</summary>
    private async Task<(string? Id, ApiError? Error)> ChooseAutoAsync(CatalogSnapshot catalog, Caller caller, CancellationToken cancellationToken)
    {
        var ids = catalog.Models.Where(m => IsCapable(m.ToModel().Capabilities) && services.Upstreams.MayServe(m)).Select(m => m.Id).ToList();
        var workerModels = await services.Models.ListAsync(cancellationToken);
        ids.AddRange((workerModels?.Data ?? []).Where(m => IsCapable(m.Capabilities) && catalog.FindById(m.Id) is null).Select(m => m.Id));
        (string Id, decimal Per1K)? cheapest = null;
        foreach (var id in ids.Where(caller.MayUse).Order(StringComparer.Ordinal))
        {
            var price = await services.Prices.GetAsync(id, cancellationToken);
            if (MayBill(price, caller) && (cheapest is null || price.InputPer1K + price.OutputPer1K < cheapest.Value.Per1K))
            {
                cheapest = (id, price.InputPer1K + price.OutputPer1K);
            }
        }

        return cheapest is { } chosen
            ? (chosen.Id, null)
            : (null, ApiError.InvalidParameter("model", $"No model this key may use can serve {Capability} now, so '{AutoModel.Name}' has nothing to choose.", "model_not_available"));
    }

    /// <summary>The fallbacks of <paramref name="entry"/> (catalog models, or models of the API's own worker) that can serve this route, that the caller may use, and that can be billed.</summary>
    private async Task<IReadOnlyList<CatalogModel>> FallbacksAsync(CatalogModel entry, CatalogSnapshot catalog, Caller caller, CancellationToken cancellationToken)
    {
        var usable = new List<CatalogModel>();
        foreach (var id in entry.Fallbacks)
        {
            var fallback = catalog.FindById(id);
            if (fallback is null && await services.Models.ResolveAsync(id, IsCapable, Capability, cancellationToken) is ({ } workerModel, null))
            {
                fallback = services.Upstreams.OwnWorker(workerModel); // a model of the API's own worker
            }

            if (fallback is not null && IsCapable(fallback.ToModel().Capabilities) && caller.MayUse(fallback.Id)
                && MayBill(await services.Prices.GetAsync(fallback.Id, cancellationToken), caller))
            {
                usable.Add(fallback);
            }
        }

        return usable;
    }

    private bool MayBill(ModelPrice price, Caller caller) =>
        !price.Unpriced || caller.Role >= Role.Admin || services.PriceOptions.Value.AllowUnpriced;

    /// <summary>The request with <paramref name="model"/> in place of the model it named (the automatic choice).</summary>
    protected abstract TRequest WithModel(TRequest request, string model);

    /// <summary>
    /// The request as the response cache keys it (without what cannot change the answer, such as <c>user</c>) when its
    /// answer is deterministic and whole, else null; by default nothing is cached.
    /// </summary>
    protected virtual TRequest? CacheableForm(TRequest request) => null;

    /// <summary>Adjusts the request to the route it came on (the streaming aliases force <c>stream</c>).</summary>
    protected virtual TRequest Normalize(TRequest request, HttpContext context) => request;

    /// <summary>Checks the request against OpenAI's rules.</summary>
    protected abstract ApiError? Validate(TRequest request);

    /// <summary>The model the request names (validation has ensured there is one).</summary>
    protected abstract string ModelOf(TRequest request);

    /// <summary>The request's <c>user</c> field: the caller's end user, for the request log.</summary>
    protected abstract string? UserOf(TRequest request);

    /// <summary>Whether a model can serve this route.</summary>
    protected abstract bool IsCapable(ModelCapabilities capabilities);

    /// <summary>An upper bound of the tokens the request can use, for its reservation.</summary>
    protected abstract TokenEstimate Estimate(TRequest request, Model model);

    /// <summary>Checks the request against the resolved model.</summary>
    protected virtual ApiError? ValidateFor(TRequest request, Model model) => null;

    /// <summary>A request that passed every check before admission.</summary>
    private sealed record PreparedRequest(TRequest Request, Model Model, ModelPrice Price, TokenEstimate Estimate, RoutePlan? Route);

    /// <summary>An amount of money in the millionths the quota counters count.</summary>
    protected static long Micros(decimal amount) => (long)decimal.Ceiling(amount * 1_000_000m);
}
