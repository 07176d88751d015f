using System.Text.Json;

namespace Serverless.Jobs;

/// <summary>
/// One line of a batch chunk as the API hands it to a worker: the validated request to run within its reserved
/// tokens, or, for a line the API refused (an unknown model, a bad body), the error answer to write for it.
/// </summary>
/// <param name="CustomId">The caller's id of the line.</param>
/// <param name="Body">The validated request, unless refused.</param>
/// <param name="TokenBudget">The tokens reserved for it.</param>
/// <param name="Status">The HTTP status of a refused line.</param>
/// <param name="Error">The OpenAI error object of a refused line.</param>
public sealed record BatchChunkLine(string CustomId, JsonElement? Body, long? TokenBudget, int? Status = null, JsonElement? Error = null);
