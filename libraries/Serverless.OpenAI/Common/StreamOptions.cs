namespace Serverless.OpenAI.Common;

/// <summary>The <c>stream_options</c> object of a streaming request.</summary>
public sealed record StreamOptions(bool IncludeUsage = false);
