namespace Serverless.OpenAI.Models;

/// <summary>What a model can be asked to do.</summary>
public sealed record ModelCapabilities(bool Completion, bool Chat, bool Embedding, bool FineTuning)
{
    /// <summary>A text generation model: completions and chat.</summary>
    public static ModelCapabilities Generation { get; } = new(true, true, false, false);

    /// <summary>An embedding model.</summary>
    public static ModelCapabilities Embeddings { get; } = new(false, false, true, false);
}
