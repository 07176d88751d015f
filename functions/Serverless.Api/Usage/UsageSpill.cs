using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Api.Usage;

/// <summary>
/// Rollup merges that could not be written before the instance stopped, kept as files in
/// <see cref="UsageOptions.SpillPath"/> (a folder per storage account) until a later start applies them. A merge keeps its writer and sequence
/// number, so applying a file twice (two instances sharing the folder, or a crash before the file was deleted) still
/// adds it once.
/// </summary>
internal sealed partial class UsageSpill(TableServiceClient tables, IOptions<UsageOptions> options, TimeProvider time, ILogger<UsageSpill> logger)
{
    private const string Extension = ".usage.json";

    private string Folder { get; } = options.Value.SpillFolder(tables.Uri);

    /// <summary>Writes <paramref name="merges"/> to a new file; the write is atomic (a temporary file, then a rename).</summary>
    public async Task<string> SaveAsync(IReadOnlyList<RollupMerge> merges, string writer)
    {
        Directory.CreateDirectory(Folder);
        var name = $"{time.GetUtcNow().ToUnixTimeMilliseconds()}-{writer}{Extension}";
        var path = Path.Combine(Folder, name);
        var temporary = path + ".tmp";
        await using (var file = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(file, merges.ToList(), UsageJsonContext.Default.ListRollupMerge);
            await file.FlushAsync();
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        return path;
    }

    /// <summary>Every spilled file and its merges; a file that cannot be read is set aside (renamed <c>.bad</c>) and logged.</summary>
    public async Task<(IReadOnlyList<string> Files, IReadOnlyList<RollupMerge> Merges)> LoadAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Folder))
        {
            return ([], []);
        }

        var files = new List<string>();
        var merges = new List<RollupMerge>();
        foreach (var path in Directory.EnumerateFiles(Folder, "*" + Extension).Order(StringComparer.Ordinal))
        {
            try
            {
                await using var file = File.OpenRead(path);
                var loaded = await JsonSerializer.DeserializeAsync(file, UsageJsonContext.Default.ListRollupMerge, cancellationToken) ?? [];
                merges.AddRange(loaded);
                files.Add(path);
                LogLoaded(loaded.Count, Path.GetFileName(path));
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
            {
                LogUnreadable(e, Path.GetFileName(path));
                TryMove(path, path + ".bad");
            }
        }

        return (files, merges);
    }

    /// <summary>Deletes files whose merges have all been applied (or spilled again into a newer file).</summary>
    public void Delete(IEnumerable<string> files)
    {
        foreach (var path in files)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogDeleteFailed(e, Path.GetFileName(path));
            }
        }
    }

    private void TryMove(string from, string to)
    {
        try
        {
            File.Move(from, to, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogDeleteFailed(e, Path.GetFileName(from));
        }
    }

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Loaded {Count} unwritten usage merges from spill file {File}; they are applied now")]
    private partial void LogLoaded(int count, string file);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Error, Message = "Spill file {File} cannot be read; it is set aside with the suffix .bad for an operator")]
    private partial void LogUnreadable(Exception exception, string file);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Spill file {File} could not be removed; applying it again adds nothing")]
    private partial void LogDeleteFailed(Exception exception, string file);
}
