using System.Text.Json;

namespace Serverless.Api.Batches;

/// <summary>One line of a batch input file, as OpenAI defines it.</summary>
/// <param name="CustomId">The caller's id of the line, unique in the file.</param>
/// <param name="Method">Must be <c>POST</c>.</param>
/// <param name="Url">Must be the batch's endpoint.</param>
/// <param name="Body">The request.</param>
internal sealed record BatchInputLine(string? CustomId, string? Method, string? Url, JsonElement? Body);
