using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Serverless.ModelBuilder.Tests.CausalLm;
using Serverless.ModelBuilder.Tests.Gpt2;

namespace Serverless.ModelBuilder.Tests.Llama;

[Collection(LlamaModelCollection.Name)]
public sealed class LlamaModelBuilderTests(LlamaModelFixture model)
{
    // "<|begin_of_text|>The quick brown fox jumps over the lazy dog." in the Tiny model's vocabulary.
    private static readonly long[] Tokens = [50256, 464, 2068, 7586, 21831, 18045, 625, 262, 16931, 3290, 13];

    [Fact]
    public void WriteModelFolder_WritesAHuggingFaceExport_WithNoModelJson()
    {
        var folder = model.Folder(float16: true);

        Assert.Equal(
            ["config.json", "generation_config.json", "model.onnx", "tokenizer.json", "tokenizer_config.json"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "config.json")));
        var root = config.RootElement;
        Assert.Equal("LlamaForCausalLM", root.GetProperty("architectures")[0].GetString());
        Assert.Equal((8, 2, 2048), (root.GetProperty("num_attention_heads").GetInt32(), root.GetProperty("num_key_value_heads").GetInt32(), root.GetProperty("max_position_embeddings").GetInt32()));
        using var generation = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "generation_config.json")));
        Assert.Equal([50257, 50260], generation.RootElement.GetProperty("eos_token_id").EnumerateArray().Select(e => e.GetInt32()));
        using var tokenizer = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "tokenizer_config.json")));
        Assert.Contains("<|start_header_id|>", tokenizer.RootElement.GetProperty("chat_template").GetString(), StringComparison.Ordinal);
        Assert.Equal("<|eot_id|>", tokenizer.RootElement.GetProperty("eos_token").GetString());
    }

    [Fact]
    public void TokenizerJson_HoldsGpt2MergesRecoveredFromTheRanks()
    {
        using var tokenizer = JsonDocument.Parse(File.ReadAllText(Path.Combine(model.Folder(float16: true), "tokenizer.json")));
        var bpe = tokenizer.RootElement.GetProperty("model");
        var merges = bpe.GetProperty("merges");

        // GPT-2's published merges.txt has 50,000 merges and begins "Ġ t", "Ġ a", "h e".
        Assert.Equal(50_000, merges.GetArrayLength());
        Assert.Equal([["Ġ", "t"], ["Ġ", "a"], ["h", "e"]], merges.EnumerateArray().Take(3).Select(m => m.EnumerateArray().Select(p => p.GetString()!).ToArray()));
        Assert.Equal(50_256, bpe.GetProperty("vocab").EnumerateObject().Count());
        Assert.Equal(464, bpe.GetProperty("vocab").GetProperty("The").GetInt32());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Signature_CachesOnlyTheKeyValueHeads(bool float16)
    {
        using var session = new InferenceSession(model.ModelPath(float16));
        var type = float16 ? TensorElementType.Float16 : TensorElementType.Float;
        var past = session.InputMetadata["past_key_values.1.value"];

        Assert.Equal([-1, 2, -1, 16], past.Dimensions);
        Assert.Equal(type, past.ElementDataType);
        Assert.Equal([-1, -1, LlamaShape.Tiny.VocabSize], session.OutputMetadata["logits"].Dimensions);
        Assert.Equal(type, session.OutputMetadata["logits"].ElementDataType);
    }

    [Theory]
    [InlineData(false, 1, 1e-4)]
    [InlineData(false, 5, 1e-4)]
    // fp16 rounds the cached keys and values that the full pass keeps in fp32.
    [InlineData(true, 5, 2e-2)]
    public void IncrementalDecode_MatchesFullSequencePass(bool float16, int prefill, double tolerance)
    {
        using var session = new CausalLmSession(model.ModelPath(float16));
        using var full = session.Run(1, Tokens, Gpt2KvCacheTests.Ones(Tokens.Length), Gpt2KvCacheTests.Positions(0, Tokens.Length));

        var step = session.Run(1, Tokens[..prefill], Gpt2KvCacheTests.Ones(prefill), Gpt2KvCacheTests.Positions(0, prefill));
        try
        {
            Gpt2KvCacheTests.AssertClose(full.Logits(0, prefill - 1), step.LastLogits(0), tolerance);
            for (var t = prefill; t < Tokens.Length; t++)
            {
                var next = session.Run(1, [Tokens[t]], Gpt2KvCacheTests.Ones(t + 1), [t], step);
                step.Dispose();
                step = next;
                Gpt2KvCacheTests.AssertClose(full.Logits(0, t), step.LastLogits(0), tolerance);
            }
        }
        finally
        {
            step.Dispose();
        }
    }

    [Fact]
    public void Positions_ChangeTheLogits_ThroughTheRotaryEmbedding()
    {
        using var session = new CausalLmSession(model.ModelPath(float16: false));
        using var atStart = session.Run(1, Tokens[..3], Gpt2KvCacheTests.Ones(3), Gpt2KvCacheTests.Positions(0, 3));
        using var shifted = session.Run(1, Tokens[..3], Gpt2KvCacheTests.Ones(3), Gpt2KvCacheTests.Positions(7, 3));

        // Rotary attention depends only on relative positions: shifting every position keeps the logits.
        Gpt2KvCacheTests.AssertClose(atStart.LastLogits(0), shifted.LastLogits(0), 1e-3);
        using var swapped = session.Run(1, Tokens[..3], Gpt2KvCacheTests.Ones(3), [0, 2, 1]);
        Assert.NotEqual(atStart.LastLogits(0), swapped.LastLogits(0));
    }

    [Fact]
    public void LeftPaddedBatch_MatchesEachPromptAlone()
    {
        using var session = new CausalLmSession(model.ModelPath(float16: false));
        long[] shortPrompt = [50256, 40, 588];
        var padding = Tokens.Length - shortPrompt.Length;
        long[] ids = [.. Tokens, .. Enumerable.Repeat(0L, padding), .. shortPrompt];
        long[] mask = [.. Gpt2KvCacheTests.Ones(Tokens.Length), .. Enumerable.Repeat(0L, padding), .. Gpt2KvCacheTests.Ones(shortPrompt.Length)];
        long[] positions = [.. Gpt2KvCacheTests.Positions(0, Tokens.Length), .. Enumerable.Repeat(1L, padding), .. Gpt2KvCacheTests.Positions(0, shortPrompt.Length)];

        using var batch = session.Run(2, ids, mask, positions);
        using var longAlone = session.Run(1, Tokens, Gpt2KvCacheTests.Ones(Tokens.Length), Gpt2KvCacheTests.Positions(0, Tokens.Length));
        using var shortAlone = session.Run(1, shortPrompt, Gpt2KvCacheTests.Ones(shortPrompt.Length), Gpt2KvCacheTests.Positions(0, shortPrompt.Length));

        Gpt2KvCacheTests.AssertClose(longAlone.LastLogits(0), batch.LastLogits(0), 1e-4);
        Gpt2KvCacheTests.AssertClose(shortAlone.LastLogits(0), batch.LastLogits(1), 1e-4);
    }
}
