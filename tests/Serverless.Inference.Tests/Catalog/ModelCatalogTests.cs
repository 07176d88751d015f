using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Inference.Tests.Fixtures;
using Serverless.Inference.Tests.Generation;

namespace Serverless.Inference.Tests.Catalog;

[Collection(ModelsCollection.Name)]
public sealed class ModelCatalogTests(ModelsFixture models) : IDisposable
{
    private readonly TempFolder root = new();

    [Fact]
    public async Task Load_BrokenFolders_AreReportedWithFileAndReason_AndGoodModelsStillLoad()
    {
        CopyModel(ModelsFixture.Gpt2Tiny, "good");
        File.WriteAllText(Path.Combine(root.Sub("bad-json"), "model.json"), "{ \"id\": \"bad\", ");
        CopyModel(ModelsFixture.Gpt2Tiny, "missing-onnx", id: "missing");
        File.Delete(Path.Combine(root.Path, "missing-onnx", "model.onnx"));
        CopyModel(ModelsFixture.Gpt2Tiny, "corrupt-onnx", id: "corrupt");
        File.WriteAllBytes(Path.Combine(root.Path, "corrupt-onnx", "model.onnx"), [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 37))]);
        CopyModel(ModelsFixture.MiniLm, "missing-vocab", id: "no-vocab");
        File.Delete(Path.Combine(root.Path, "missing-vocab", "vocab.txt"));
        root.Sub("not-a-model");

        using var catalog = Load();

        var failures = catalog.Failures.ToDictionary(f => f.ModelFolder);
        Assert.Equal(["bad-json", "corrupt-onnx", "missing-onnx", "missing-vocab"], failures.Keys.Order());
        Assert.Equal("model.json", failures["bad-json"].File);
        Assert.Contains("invalid JSON", failures["bad-json"].Reason, StringComparison.Ordinal);
        Assert.Equal(("model.onnx", "file not found"), (failures["missing-onnx"].File, failures["missing-onnx"].Reason));
        Assert.Equal("model.onnx", failures["corrupt-onnx"].File);
        Assert.Contains("ONNX Runtime cannot load it", failures["corrupt-onnx"].Reason, StringComparison.Ordinal);
        Assert.Equal(("vocab.txt", "file not found"), (failures["missing-vocab"].File, failures["missing-vocab"].Reason));

        Assert.Equal(["gpt2-tiny"], catalog.Models.Select(m => m.Id));
        Assert.True(catalog.TryGetGeneration("gpt2-tiny", out var good));
        var completion = await Completion.RunAsync(good, Completion.Greedy(good, "still works", 3));
        Assert.Equal(3, completion.CompletionTokens);
    }

    [Fact]
    public void Load_ModelsOrderedById_EachKindFoundOnlyByItsOwnLookup()
    {
        CopyModel(ModelsFixture.MiniLm, "b-folder", id: "a-embedder");
        CopyModel(ModelsFixture.Gpt2Tiny, "a-folder", id: "z-generator");

        using var catalog = Load();

        Assert.Equal(["a-embedder", "z-generator"], catalog.Models.Select(m => m.Id));
        Assert.Equal([ModelKind.Embedding, ModelKind.Generation], catalog.Models.Select(m => m.Kind));
        Assert.True(catalog.TryGetEmbedding("a-embedder", out _));
        Assert.False(catalog.TryGetGeneration("a-embedder", out _));
        Assert.False(catalog.TryGetEmbedding("z-generator", out _));
        Assert.Equal("CPU", catalog.ExecutionProvider);
    }

    [Fact]
    public void Load_TwoFoldersWithOneId_TheSecondIsAFailure()
    {
        CopyModel(ModelsFixture.Gpt2Tiny, "first");
        CopyModel(ModelsFixture.Gpt2Tiny, "second");

        using var catalog = Load();

        Assert.Single(catalog.Models);
        var failure = Assert.Single(catalog.Failures);
        Assert.Equal(("second", "model.json"), (failure.ModelFolder, failure.File));
        Assert.Contains("already served", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_EosIdsFromModelJson_EndGenerationWithStop()
    {
        var folder = CopyModel(ModelsFixture.Gpt2Tiny, "eos");
        var greedy = Completion.Greedy(models.Generation, "Stop soon", 20);
        var tokens = (await Completion.RunAsync(models.Generation, greedy)).Tokens.ToList();
        EditManifest(folder, json => json["eos_token_ids"] = new JsonArray(tokens[3]));

        using var catalog = Load();
        Assert.True(catalog.TryGetGeneration("gpt2-tiny", out var model));
        var completion = await Completion.RunAsync(model, greedy);

        Assert.Equal(FinishReason.Stop, completion.FinishReason);
        Assert.Equal(tokens.Take(tokens.IndexOf(tokens[3]) + 1), completion.Tokens);
        Assert.Equal(models.Generation.Decode(completion.Tokens.Take(completion.Tokens.Count - 1)), completion.Text);
    }

    [Fact]
    public async Task Dispose_EndsStreamsInFlight()
    {
        CopyModel(ModelsFixture.Gpt2Tiny, "disposed");
        var catalog = Load();
        Assert.True(catalog.TryGetGeneration("gpt2-tiny", out var model));
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = Task.Run(() => Completion.RunAsync(model, Completion.Greedy(model, "long", 900), _ => started.TrySetResult()));

        await started.Task;
        catalog.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => stream);
    }

    [Fact]
    public async Task MaxBatchSize_LimitsHowManySequencesDecodeTogether()
    {
        CopyModel(ModelsFixture.Gpt2Tiny, "small-batches");
        using var catalog = ModelCatalog.Load(new InferenceOptions { ModelsPath = root.Path, ExecutionProvider = "cpu", MaxBatchSize = 2 }, NullLoggerFactory.Instance);
        Assert.True(catalog.TryGetGeneration("gpt2-tiny", out var model));
        var order = new System.Collections.Concurrent.ConcurrentQueue<int>();

        var runs = Enumerable.Range(0, 3).Select(i => Task.Run(() =>
            Completion.RunAsync(model, Completion.Greedy(model, $"Batch member {i}", 15), _ => order.Enqueue(i)))).ToArray();
        await Task.WhenAll(runs);

        // Whichever request waited, it only started once one of the first two had finished.
        var events = order.ToArray();
        var waiter = Enumerable.Range(0, 3).OrderBy(i => Array.IndexOf(events, i)).Last();
        var firstFinished = Enumerable.Range(0, 3).Where(i => i != waiter).Min(i => Array.LastIndexOf(events, i));
        Assert.True(Array.IndexOf(events, waiter) > firstFinished, string.Join(",", events));
    }

    [Fact]
    public void Load_MissingModelsPath_LoadsNothing()
    {
        using var catalog = ModelCatalog.Load(new InferenceOptions { ModelsPath = Path.Combine(root.Path, "absent") }, NullLoggerFactory.Instance);

        Assert.Empty(catalog.Models);
        Assert.Empty(catalog.Failures);
    }

    [Theory]
    [InlineData("tpu", 16)]
    [InlineData("auto", 0)]
    public void Load_InvalidOptions_Throw(string provider, int maxBatchSize)
    {
        Assert.Throws<ArgumentException>(() =>
            ModelCatalog.Load(new InferenceOptions { ModelsPath = root.Path, ExecutionProvider = provider, MaxBatchSize = maxBatchSize }, NullLoggerFactory.Instance));
    }

    [Fact]
    public void Load_Auto_FallsBackToCpuWithoutCuda()
    {
        using var catalog = ModelCatalog.Load(new InferenceOptions { ModelsPath = root.Path, ExecutionProvider = "auto" }, NullLoggerFactory.Instance);

        Assert.Equal("CPU", catalog.ExecutionProvider);
    }

    [Fact]
    public void Load_CudaWithoutCuda_RefusesToStart_SayingWhatItSaw()
    {
        CopyModel("gpt2-tiny", "gpt2-tiny");

        var refusal = Assert.Throws<Serverless.Inference.Runtime.CudaUnavailableException>(() =>
            ModelCatalog.Load(new InferenceOptions { ModelsPath = root.Path, ExecutionProvider = "cuda" }, NullLoggerFactory.Instance));

        Assert.StartsWith("Inference:ExecutionProvider is 'cuda' but CUDA cannot be used: this ONNX Runtime build has no CUDA execution provider.", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("GPU seen:", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("NVIDIA driver:", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("'auto'", refusal.Message, StringComparison.Ordinal);
    }

    public void Dispose() => root.Dispose();

    private ModelCatalog Load() =>
        ModelCatalog.Load(new InferenceOptions { ModelsPath = root.Path, ExecutionProvider = "cpu" }, NullLoggerFactory.Instance);

    private string CopyModel(string source, string folderName, string? id = null)
    {
        var target = root.Sub(folderName);
        foreach (var file in Directory.GetFiles(Path.Combine(models.ModelsPath, source)))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        if (id is not null)
        {
            EditManifest(target, json => json["id"] = id);
        }

        return target;
    }

    private static void EditManifest(string folder, Action<JsonObject> edit)
    {
        var path = Path.Combine(folder, "model.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
    }
}
