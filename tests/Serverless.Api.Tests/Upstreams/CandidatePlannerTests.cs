using Serverless.Api.Catalog;
using Serverless.Api.Upstreams;

namespace Serverless.Api.Tests.Upstreams;

public sealed class CandidatePlannerTests
{
    private static Deployment D(string id, int weight = 1, int priority = 1, int? cap = null) =>
        new(id, DeploymentKind.Worker, new Uri($"http://{id}:8080/v1/"), "m", null, weight, priority, cap, TimeSpan.FromSeconds(30));

    private static CatalogModel M(string id, params Deployment[] deployments) =>
        new(id, ["chat"], 1024, [], deployments, [], DateTimeOffset.UnixEpoch);

    private static string[] Plan(IReadOnlyList<CatalogModel> models, Dictionary<string, DeploymentLoad> loads) =>
        CandidatePlanner.Plan(models, (m, d) => loads.GetValueOrDefault($"{m.Id}/{d.Id}")).Select(c => $"{c.Model.Id}/{c.Deployment.Id}").ToArray();

    [Fact]
    public void Plan_TriesLowerPriorityGroupsFirst_ThenTheFallbackModels()
    {
        var primary = M("a", D("backup", priority: 2), D("main", priority: 1));
        var fallback = M("b", D("other"));

        Assert.Equal(["a/main", "a/backup", "b/other"], Plan([primary, fallback], []));
    }

    [Fact]
    public void Plan_WithinAGroup_PutsFewestOutstandingPerWeightFirst()
    {
        var model = M("a", D("heavy", weight: 3), D("light", weight: 1));

        // (2+1)/3 = 1 against (0+1)/1 = 1: a tie keeps the catalog's order; one more on heavy and light leads.
        Assert.Equal(["a/heavy", "a/light"], Plan([model], new() { ["a/heavy"] = new(false, 2) }));
        Assert.Equal(["a/light", "a/heavy"], Plan([model], new() { ["a/heavy"] = new(false, 3) }));
        Assert.Equal(["a/heavy", "a/light"], Plan([model], new() { ["a/light"] = new(false, 1) }));
    }

    [Fact]
    public void Plan_LeavesOutOpenCircuits_AndDeploymentsAtTheirCap()
    {
        var model = M("a", D("open"), D("full", cap: 2), D("ok", cap: 2));

        var plan = Plan([model], new() { ["a/open"] = new(true, 0), ["a/full"] = new(false, 2), ["a/ok"] = new(false, 1) });

        Assert.Equal(["a/ok"], plan);
    }

    [Fact]
    public void Plan_WhenNothingIsHealthy_IsEmpty() =>
        Assert.Empty(Plan([M("a", D("x"))], new() { ["a/x"] = new(true, 0) }));
}
