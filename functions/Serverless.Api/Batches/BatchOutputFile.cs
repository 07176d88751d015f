using System.Text.Json;
using Serverless.Jobs;

namespace Serverless.Api.Batches;

/// <summary>A batch's output or error file as it is written: JSON lines in a temporary file, deleted when disposed.</summary>
internal sealed class BatchOutputFile : IAsyncDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly FileStream stream = new(
        Path.Combine(Path.GetTempPath(), "batch-" + Guid.NewGuid().ToString("N") + ".jsonl"),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    /// <summary>How many lines it holds.</summary>
    public int Lines { get; private set; }

    /// <summary>Appends <paramref name="line"/>.</summary>
    public async Task WriteAsync(BatchOutputLine line)
    {
        await JsonSerializer.SerializeAsync(stream, line, JobsContractJsonContext.Default.BatchOutputLine);
        await stream.WriteAsync(NewLine);
        Lines++;
    }

    /// <summary>The file from its start, to be stored.</summary>
    public async Task<Stream> ReadBackAsync()
    {
        await stream.FlushAsync();
        stream.Position = 0;
        return stream;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => stream.DisposeAsync();
}
