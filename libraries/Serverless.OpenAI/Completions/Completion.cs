using Serverless.OpenAI.Common;

namespace Serverless.OpenAI.Completions;

/// <summary>The answer of <c>POST /v1/completions</c>; also each streamed chunk (with <c>Usage</c> null).</summary>
public sealed record Completion(
    string Id,
    long Created,
    string Model,
    IReadOnlyList<CompletionChoice> Choices,
    Usage? Usage)
{
    /// <summary>Always <c>text_completion</c>, for whole answers and chunks alike.</summary>
    public string Object => "text_completion";
}
