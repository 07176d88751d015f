namespace Serverless.Api.Batches;

/// <summary>The body of <c>POST /v1/batches</c>.</summary>
/// <param name="InputFileId">An uploaded file of purpose <c>batch</c>.</param>
/// <param name="Endpoint"><c>/v1/chat/completions</c>, <c>/v1/completions</c> or <c>/v1/embeddings</c>.</param>
/// <param name="CompletionWindow">Must be <c>24h</c>.</param>
/// <param name="Metadata">Up to 16 string pairs kept with the batch.</param>
public sealed record BatchCreateRequest(string? InputFileId, string? Endpoint, string? CompletionWindow, Dictionary<string, string>? Metadata);
