namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>One of tokenizer.json's "added_tokens": text recognised as one id before the model sees anything.</summary>
internal sealed record AddedToken(int Id, string Content, bool SingleWord, bool LStrip, bool RStrip, bool Normalized, bool Special);
