using System.Text.Json.Serialization;

namespace Serverless.OpenAI.Chat;

/// <summary>One of the most likely tokens at a position.</summary>
public sealed record ChatTopLogprob(
    string Token,
    double Logprob,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] IReadOnlyList<int>? Bytes);
