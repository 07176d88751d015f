using Serverless.OpenAI.Common;

namespace Serverless.Worker.Serving;

/// <summary>The answer to stopping a call: <c>stopped</c> when it was still generating, else <c>completed</c>; and its usage.</summary>
internal sealed record CallReport(string Id, string Status, Usage Usage);
