namespace Serverless.Inference;

/// <summary>A model folder that could not be loaded: the folder's name, the file at fault and why.</summary>
public sealed record ModelLoadFailure(string ModelFolder, string File, string Reason);
