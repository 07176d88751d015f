namespace Serverless.Api.Batches;

/// <summary>A batch's input-file errors, in OpenAI's list shape.</summary>
/// <param name="Data">The errors.</param>
public sealed record BatchErrorList(IReadOnlyList<BatchError> Data)
{
    /// <summary>The object type.</summary>
    public string Object => "list";
}
