namespace Serverless.Api.Catalog;

/// <summary>A catalog model as the admin API shows it.</summary>
public sealed record CatalogModelObject(
    string Id,
    IReadOnlyList<string> Capabilities,
    int ContextLength,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<DeploymentObject> Deployments,
    IReadOnlyList<string> Fallbacks,
    long UpdatedAt)
{
    /// <summary>Always <c>catalog.model</c>.</summary>
    public string Object => "catalog.model";

    /// <summary>The admin view of <paramref name="model"/>.</summary>
    internal static CatalogModelObject From(CatalogModel model) => new(
        model.Id, model.Capabilities, model.ContextLength, model.Aliases,
        model.Deployments.Select(d => d.ToObject()).ToArray(), model.Fallbacks, model.UpdatedAt.ToUnixTimeSeconds());
}
