namespace Serverless.Api.Batches;

/// <summary>A page of batches, newest first.</summary>
/// <param name="Data">The batches.</param>
/// <param name="FirstId">The first batch's id.</param>
/// <param name="LastId">The last batch's id; pass it as <c>after</c> for the next page.</param>
/// <param name="HasMore">Whether another page follows.</param>
public sealed record BatchList(IReadOnlyList<BatchObject> Data, string? FirstId, string? LastId, bool HasMore)
{
    /// <summary>The object type.</summary>
    public string Object => "list";
}
