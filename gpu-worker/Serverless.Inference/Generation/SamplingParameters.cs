namespace Serverless.Inference;

/// <summary>
/// How the next token is drawn, with OpenAI's meanings: temperature 0 is greedy, <see cref="TopK"/> 0 and
/// <see cref="TopP"/> 1 are off, penalties apply to tokens generated so far, and a <see cref="Seed"/> makes
/// a request's draws repeatable whatever else shares its batch.
/// </summary>
public sealed record SamplingParameters(
    float Temperature = 1f,
    float TopP = 1f,
    int TopK = 0,
    float FrequencyPenalty = 0f,
    float PresencePenalty = 0f,
    long? Seed = null);
