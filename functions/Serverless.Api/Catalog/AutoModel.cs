namespace Serverless.Api.Catalog;

/// <summary>
/// <c>model: "auto"</c>: the API chooses the model. Among the models that can serve the route (catalog models with a
/// deployment whose circuit is not open, and the worker's own), that the key may use and that can be billed, the
/// cheapest (input and output price per 1K tokens summed) serves; a tie goes to the first id in ordinal order. The
/// answer's <c>model</c> names the one chosen, and it is billed at that model's price.
/// </summary>
public static class AutoModel
{
    /// <summary>The model name that asks for the automatic choice.</summary>
    public const string Name = "auto";
}
