using System.Text.Json.Serialization;

namespace Serverless.OpenAI.Chat;

/// <summary>The change one chunk makes to one choice; <see cref="Logprobs"/> holds the chunk's tokens when asked for.</summary>
public sealed record ChatChunkChoice(
    int Index,
    ChatDelta Delta,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FinishReason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] ChatLogprobs? Logprobs = null);
