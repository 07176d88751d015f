using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;
using Serverless.ModelBuilder.MiniLm;

namespace Serverless.ModelBuilder.Tests.MiniLm;

/// <summary>Runs the extracted model the way its model.json says (lowercased WordPiece, mean pooling, L2 norm) and checks the vectors mean something.</summary>
public sealed class MiniLmEmbeddingTests : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly BertTokenizer tokenizer;
    private readonly InferenceSession session;

    public MiniLmEmbeddingTests()
    {
        MiniLmModel.WriteModelFolder(directory.Path, "all-minilm-l6-v2", MiniLmModel.DefaultAssemblyPath);
        tokenizer = BertTokenizer.Create(directory.Combine("vocab.txt"), new BertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true });
        session = new InferenceSession(directory.Combine("model.onnx"));
    }

    [Fact]
    public void Embeddings_OfParaphrases_AreCloserThanOfUnrelatedSentences()
    {
        var food = Embed("A man is eating food.");
        var bread = Embed("A man is eating a piece of bread.");
        var baby = Embed("The girl is carrying a baby.");

        Assert.Equal(MiniLmModel.Dimensions, food.Length);
        Assert.Equal(1.0, Math.Sqrt(food.Sum(x => (double)x * x)), precision: 4);
        Assert.True(Dot(food, bread) > 0.6, $"paraphrase similarity {Dot(food, bread)}");
        Assert.True(Dot(food, baby) < 0.3, $"unrelated similarity {Dot(food, baby)}");
    }

    public void Dispose()
    {
        session.Dispose();
        directory.Dispose();
    }

    private float[] Embed(string text)
    {
        long[] ids = [.. tokenizer.EncodeToIds(text).Select(id => (long)id)];
        using var inputIds = OrtValue.CreateTensorValueFromMemory(ids, [1, ids.Length]);
        using var mask = OrtValue.CreateTensorValueFromMemory(ids.Select(_ => 1L).ToArray(), [1, ids.Length]);
        using var types = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], [1, ids.Length]);
        using var options = new RunOptions();
        using var outputs = session.Run(options, ["input_ids", "attention_mask", "token_type_ids"], [inputIds, mask, types], ["last_hidden_state"]);

        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var vector = new float[MiniLmModel.Dimensions];
        for (var t = 0; t < ids.Length; t++)
        {
            for (var d = 0; d < vector.Length; d++)
            {
                vector[d] += hidden[(t * vector.Length) + d] / ids.Length;
            }
        }

        var norm = (float)Math.Sqrt(vector.Sum(x => (double)x * x));
        return [.. vector.Select(x => x / norm)];
    }

    private static double Dot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();
}
