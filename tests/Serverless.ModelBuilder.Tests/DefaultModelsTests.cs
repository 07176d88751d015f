namespace Serverless.ModelBuilder.Tests;

public sealed class DefaultModelsTests : IDisposable
{
    private const int BuildingEvent = 2;
    private readonly TempDirectory directory = new();

    [Fact]
    public async Task EnsureAsync_OnEmptyFolder_BuildsEveryDefaultModelFolder()
    {
        await DefaultModels.EnsureAsync(directory.Path, new ListLogger());

        Assert.True(File.Exists(directory.Combine("gpt2-tiny", "model.onnx")));
        Assert.True(File.Exists(directory.Combine("gpt2-tiny", "model.json")));
        Assert.True(File.Exists(directory.Combine("all-minilm-l6-v2", "model.onnx")));
        Assert.True(File.Exists(directory.Combine("all-minilm-l6-v2", "vocab.txt")));
        Assert.True(File.Exists(directory.Combine("all-minilm-l6-v2", "model.json")));
        // llama-tiny is a Hugging Face export: config.json and tokenizer files, no model.json.
        Assert.True(File.Exists(directory.Combine("llama-tiny", "config.json")));
        Assert.False(File.Exists(directory.Combine("llama-tiny", "model.json")));
        // Only the model folders: the staging folders are gone.
        Assert.Equal(["all-minilm-l6-v2", "gpt2-tiny", "llama-tiny"], Directory.GetDirectories(directory.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task EnsureAsync_WhenPresent_BuildsNothing()
    {
        await DefaultModels.EnsureAsync(directory.Path, new ListLogger());
        var written = File.GetLastWriteTimeUtc(directory.Combine("gpt2-tiny", "model.onnx"));
        var llamaWritten = File.GetLastWriteTimeUtc(directory.Combine("llama-tiny", "model.onnx"));

        var logger = new ListLogger();
        await DefaultModels.EnsureAsync(directory.Path, logger);

        Assert.DoesNotContain(logger.Entries, e => e.Event.Id == BuildingEvent);
        Assert.Equal(written, File.GetLastWriteTimeUtc(directory.Combine("gpt2-tiny", "model.onnx")));
        Assert.Equal(llamaWritten, File.GetLastWriteTimeUtc(directory.Combine("llama-tiny", "model.onnx")));
    }

    [Fact]
    public async Task EnsureAsync_TwoCallersAtOnce_BothSucceedWithOneCopy()
    {
        await Task.WhenAll(
            Task.Run(() => DefaultModels.EnsureAsync(directory.Path, new ListLogger())),
            Task.Run(() => DefaultModels.EnsureAsync(directory.Path, new ListLogger())));

        Assert.Equal(["all-minilm-l6-v2", "gpt2-tiny", "llama-tiny"], Directory.GetDirectories(directory.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task EnsureAsync_FolderWithoutManifest_ThrowsRatherThanOverwrite()
    {
        Directory.CreateDirectory(directory.Combine("gpt2-tiny"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DefaultModels.EnsureAsync(directory.Path, new ListLogger()));
        Assert.Contains("model.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureAsync_MissingPackageAssembly_FailsWithoutLeavingAPartialFolder()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() =>
            DefaultModels.EnsureAsync(directory.Path, new ListLogger(), directory.Combine("missing.dll"), CancellationToken.None));

        Assert.False(Directory.Exists(directory.Combine("all-minilm-l6-v2")));
        Assert.Equal(["gpt2-tiny", "llama-tiny"], Directory.GetDirectories(directory.Path).Select(Path.GetFileName).Order());
    }

    public void Dispose() => directory.Dispose();
}
