namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>A piece of normalized text on its way to the model; <paramref name="AtOrigin"/> says it begins the input (Metaspace's "first" scheme asks).</summary>
internal readonly record struct PreToken(string Text, bool AtOrigin);
