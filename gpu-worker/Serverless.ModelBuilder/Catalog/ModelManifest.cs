namespace Serverless.ModelBuilder.Catalog;

/// <summary>A model folder's model.json, as docs/model-folder.md defines it; generation-only and embedding-only keys stay null for the other kind.</summary>
internal sealed record ModelManifest
{
    public const string FileName = "model.json";

    /// <summary>The <c>created</c> of the models this project builds: fixed (2025-01-01T00:00:00Z) so a rebuilt folder is byte-identical.</summary>
    public const long BuiltInCreated = 1_735_689_600;

    public required string Id { get; init; }

    public required string Kind { get; init; }

    public string Onnx { get; init; } = "model.onnx";

    public required TokenizerSpec Tokenizer { get; init; }

    public string? ChatTemplate { get; init; }

    public required int ContextLength { get; init; }

    public IReadOnlyList<int>? EosTokenIds { get; init; }

    public int? Dimensions { get; init; }

    public string? Pooling { get; init; }

    public bool? Normalize { get; init; }

    public required long Created { get; init; }

    public required string OwnedBy { get; init; }
}
