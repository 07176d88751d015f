namespace Serverless.Inference.Catalog;

/// <summary>Why one model folder cannot be served; the catalog turns it into a <see cref="ModelLoadFailure"/>.</summary>
internal sealed class ModelLoadException(string file, string reason) : Exception($"{file}: {reason}")
{
    public string File { get; } = file;

    public string Reason { get; } = reason;
}
