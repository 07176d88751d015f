using Serverless.Api.Auth;
using Serverless.Api.Prices;
using Serverless.Api.Quotas;
using Serverless.Api.Upstreams;
using Serverless.OpenAI.Models;

namespace Serverless.Api.Routing;

/// <summary>A request that passed validation, authorization and admission, with what serving it needs.</summary>
/// <param name="Request">The validated request.</param>
/// <param name="Caller">Who made it.</param>
/// <param name="Model">The resolved model.</param>
/// <param name="Price">The model's price.</param>
/// <param name="Admission">Its reservation, to be settled exactly once.</param>
/// <param name="TokenBudget">The tokens reserved for it: the worker never lets prompt and completion exceed them.</param>
/// <param name="Route">For a catalog model, how it is routed; null for a model the worker serves directly.</param>
internal sealed record AdmittedRequest<TRequest>(TRequest Request, Caller Caller, Model Model, ModelPrice Price, Admission Admission, long TokenBudget, RoutePlan? Route = null);
