using Google.Protobuf;
using Serverless.ModelBuilder.Llama;

namespace Serverless.ModelBuilder;

/// <summary>
/// Writes a Llama-family causal LM with seeded random weights as a Hugging Face / Optimum export folder:
/// <c>model.onnx</c>, <c>config.json</c>, <c>generation_config.json</c>, <c>tokenizer.json</c> and
/// <c>tokenizer_config.json</c> with its Jinja chat template, and no model.json: the worker serves it
/// through the same drop-in path as a real export.
/// </summary>
public static class LlamaModelBuilder
{
    /// <summary>Writes the folder; the model is served under the folder's name.</summary>
    public static void WriteModelFolder(string folder, LlamaShape shape, int seed = 42, bool float16 = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.VocabSize != Llama3StyleTokenizer.VocabSize)
        {
            throw new ArgumentException($"VocabSize must be the tokenizer's {Llama3StyleTokenizer.VocabSize}.", nameof(shape));
        }

        var model = LlamaGraph.Build(shape, seed, float16);
        Directory.CreateDirectory(folder);
        using (var stream = File.Create(Path.Combine(folder, "model.onnx")))
        {
            model.WriteTo(stream);
        }

        Llama3StyleTokenizer.WriteTo(folder, shape.ContextLength);
        ByteLevelBpeJson.WriteJson(Path.Combine(folder, "config.json"), json => WriteConfig(json, shape, float16));
        ByteLevelBpeJson.WriteJson(Path.Combine(folder, "generation_config.json"), json =>
        {
            json.WriteNumber("bos_token_id", Llama3StyleTokenizer.IdOf(Llama3StyleTokenizer.BeginOfText));
            WriteEndTokens(json);
        });
    }

    private static void WriteConfig(System.Text.Json.Utf8JsonWriter json, LlamaShape shape, bool float16)
    {
        json.WriteStartArray("architectures");
        json.WriteStringValue("LlamaForCausalLM");
        json.WriteEndArray();
        json.WriteString("model_type", "llama");
        json.WriteNumber("hidden_size", shape.ModelDim);
        json.WriteNumber("intermediate_size", shape.FfnDim);
        json.WriteNumber("num_hidden_layers", shape.Layers);
        json.WriteNumber("num_attention_heads", shape.Heads);
        json.WriteNumber("num_key_value_heads", shape.KvHeads);
        json.WriteNumber("head_dim", shape.HeadDim);
        json.WriteNumber("max_position_embeddings", shape.ContextLength);
        json.WriteNumber("rms_norm_eps", shape.RmsNormEpsilon);
        json.WriteNumber("rope_theta", shape.RopeTheta);
        json.WriteNumber("vocab_size", shape.VocabSize);
        json.WriteString("hidden_act", "silu");
        json.WriteBoolean("tie_word_embeddings", false);
        json.WriteString("torch_dtype", float16 ? "float16" : "float32");
        json.WriteNumber("bos_token_id", Llama3StyleTokenizer.IdOf(Llama3StyleTokenizer.BeginOfText));
        json.WriteNumber("eos_token_id", Llama3StyleTokenizer.IdOf(Llama3StyleTokenizer.EndOfText));
    }

    /// <summary>Llama 3 instruct ends a completion at &lt;|end_of_text|&gt; or at the end of its turn.</summary>
    private static void WriteEndTokens(System.Text.Json.Utf8JsonWriter json)
    {
        json.WriteStartArray("eos_token_id");
        json.WriteNumberValue(Llama3StyleTokenizer.IdOf(Llama3StyleTokenizer.EndOfText));
        json.WriteNumberValue(Llama3StyleTokenizer.IdOf(Llama3StyleTokenizer.EndOfTurn));
        json.WriteEndArray();
    }
}
