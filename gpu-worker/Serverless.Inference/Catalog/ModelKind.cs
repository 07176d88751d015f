namespace Serverless.Inference;

/// <summary>What a model serves.</summary>
public enum ModelKind
{
    /// <summary>A causal LM behind the completions and chat routes.</summary>
    Generation,

    /// <summary>A sentence encoder behind the embeddings route.</summary>
    Embedding,
}
