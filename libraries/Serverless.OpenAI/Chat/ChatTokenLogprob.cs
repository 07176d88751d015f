using System.Text.Json.Serialization;

namespace Serverless.OpenAI.Chat;

/// <summary>One generated token: its text, log probability, UTF-8 bytes (null when the token is part of a character) and the most likely alternatives.</summary>
public sealed record ChatTokenLogprob(
    string Token,
    double Logprob,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] IReadOnlyList<int>? Bytes,
    IReadOnlyList<ChatTopLogprob> TopLogprobs);

