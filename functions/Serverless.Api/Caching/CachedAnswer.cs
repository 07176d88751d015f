namespace Serverless.Api.Caching;

/// <summary>
/// An answer kept by the response cache: the bytes the client received, the model that generated them and their
/// tokens (a hit is billed for the same tokens, at the cached price). A class rather than a record on purpose: the
/// cache then keeps it serialized, sized for its memory bound, and hands each reader its own copy.
/// </summary>
public sealed class CachedAnswer(string model, string? servedBy, int promptTokens, int completionTokens, byte[] body)
{
    /// <summary>The public model that generated the answer (a fallback may have served the model asked for).</summary>
    public string Model { get; } = model;

    /// <summary>The deployment that generated it, for <c>x-served-by</c>; null for the API's own worker.</summary>
    public string? ServedBy { get; } = servedBy;

    /// <summary>The answer's prompt tokens.</summary>
    public int PromptTokens { get; } = promptTokens;

    /// <summary>The answer's completion tokens.</summary>
    public int CompletionTokens { get; } = completionTokens;

    /// <summary>The JSON body as the client received it.</summary>
    public byte[] Body { get; } = body;
}
