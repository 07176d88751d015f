using Serverless.Api.Catalog;

namespace Serverless.Api.Upstreams;

/// <summary>
/// The order in which a request tries deployments: the requested model's, then each fallback model's. Within a model,
/// priority groups go lowest first; within a group, deployments whose circuit is not open and that are under their
/// concurrency cap, fewest outstanding calls per unit of weight first (<c>(outstanding + 1) / weight</c>; ties keep
/// the catalog's order).
/// </summary>
internal static class CandidatePlanner
{
    /// <summary>Plans over <paramref name="models"/> (the requested model first, then its fallbacks), with each deployment's load from <paramref name="load"/>.</summary>
    public static IReadOnlyList<Candidate> Plan(IReadOnlyList<CatalogModel> models, Func<CatalogModel, Deployment, DeploymentLoad> load)
    {
        var candidates = new List<Candidate>();
        foreach (var model in models)
        {
            foreach (var group in model.Deployments.GroupBy(d => d.Priority).OrderBy(g => g.Key))
            {
                candidates.AddRange(group
                    .Select(d => (Deployment: d, Load: load(model, d)))
                    .Where(x => !x.Load.Refusing && (x.Deployment.MaxConcurrency is not { } cap || x.Load.Outstanding < cap))
                    .OrderBy(x => (x.Load.Outstanding + 1) / (double)x.Deployment.Weight)
                    .Select(x => new Candidate(model, x.Deployment)));
            }
        }

        return candidates;
    }
}
