namespace Serverless.Api.Catalog;

/// <summary>Every catalog model, by id.</summary>
public sealed record CatalogModelList(IReadOnlyList<CatalogModelObject> Data)
{
    /// <summary>Always <c>list</c>.</summary>
    public string Object => "list";
}
