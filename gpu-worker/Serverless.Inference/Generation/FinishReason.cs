namespace Serverless.Inference;

/// <summary>Why a completion ended, as OpenAI's <c>finish_reason</c>.</summary>
public enum FinishReason
{
    /// <summary>An end-of-sequence token or a stop sequence.</summary>
    Stop,

    /// <summary><c>max_tokens</c> reached.</summary>
    Length,
}
