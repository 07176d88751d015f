using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Serverless.Api.Files;

namespace Serverless.Api.Batches;

/// <summary>
/// Checks a batch's input file line by line, as OpenAI does while a batch is <c>validating</c> (each line a JSON
/// object with a unique <c>custom_id</c>, <c>method</c> <c>POST</c>, the batch's <c>url</c> and a <c>body</c>
/// object that does not stream), and cuts the checked lines into <see cref="BatchSlices"/>. The request bodies
/// themselves are checked when each line is dispatched, like any request to their route.
/// </summary>
public sealed class BatchInputSplitter(FileStore files, BatchSlices slices, IOptions<BatchOptions> options)
{
    /// <summary>The most errors a failed batch reports.</summary>
    private const int MaxErrors = 100;

    /// <summary>How long a <c>custom_id</c> may be.</summary>
    private const int MaxCustomIdLength = 512;

    /// <summary>Splits the batch's input into slices of <paramref name="chunkLines"/>; the number of lines, or the errors that fail it.</summary>
    public async Task<(int Lines, IReadOnlyList<BatchError> Errors)> SplitAsync(BatchEntity batch, int chunkLines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (await files.GetAsync(batch.Owner, batch.InputFileId, cancellationToken) is not { } file)
        {
            return (0, [new BatchError("invalid_file", $"The input file {batch.InputFileId} no longer exists.", "input_file_id")]);
        }

        var settings = options.Value;
        var errors = new List<BatchError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var slice = new StringBuilder();
        var lines = 0;
        var number = 0;
        await using var stream = await files.OpenReadAsync(file, cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var (line, error) = Check(text, number, batch.Endpoint, seen);
            if (error is not null || errors.Count > 0)
            {
                if (error is not null && errors.Count < MaxErrors)
                {
                    errors.Add(error);
                }

                continue;
            }

            if (++lines > settings.MaxLines)
            {
                return (0, [new BatchError("too_many_requests", $"The input file has more than {settings.MaxLines} lines, the most a batch takes.", Line: number)]);
            }

            slice.Append(JsonSerializer.Serialize(line!, BatchesJsonContext.Default.BatchInputLine)).Append('\n');
            if (lines % chunkLines == 0)
            {
                await slices.WriteAsync(batch.RowKey, lines - chunkLines, slice.ToString(), cancellationToken);
                slice.Clear();
            }
        }

        if (errors.Count > 0)
        {
            return (0, errors);
        }

        if (lines == 0)
        {
            return (0, [new BatchError("empty_file", "The input file has no requests.", "input_file_id")]);
        }

        if (slice.Length > 0)
        {
            await slices.WriteAsync(batch.RowKey, lines - (lines % chunkLines), slice.ToString(), cancellationToken);
        }

        return (lines, []);
    }

    private static (BatchInputLine? Line, BatchError? Error) Check(string text, int number, string endpoint, HashSet<string> seen)
    {
        BatchInputLine? line;
        try
        {
            line = JsonSerializer.Deserialize(text, BatchesJsonContext.Default.BatchInputLine);
        }
        catch (JsonException)
        {
            return (null, new BatchError("invalid_json_line", $"Line {number} is not a JSON object.", Line: number));
        }

        if (line is null)
        {
            return (null, new BatchError("invalid_json_line", $"Line {number} is not a JSON object.", Line: number));
        }

        if (string.IsNullOrEmpty(line.CustomId) || line.CustomId.Length > MaxCustomIdLength)
        {
            return (null, new BatchError("invalid_custom_id", $"custom_id must be a string of 1 to {MaxCustomIdLength} characters.", "custom_id", number));
        }

        if (!seen.Add(line.CustomId))
        {
            return (null, new BatchError("duplicate_custom_id", $"custom_id '{line.CustomId}' is used by an earlier line; each must be unique.", "custom_id", number));
        }

        if (line.Method != "POST")
        {
            return (null, new BatchError("invalid_method", "method must be POST.", "method", number));
        }

        if (line.Url != endpoint)
        {
            return (null, new BatchError("invalid_url", $"url must be the batch's endpoint, {endpoint}.", "url", number));
        }

        if (line.Body is not { ValueKind: JsonValueKind.Object } body)
        {
            return (null, new BatchError("invalid_body", "body must be a JSON object.", "body", number));
        }

        if (body.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True)
        {
            return (null, new BatchError("invalid_body", "Batch requests cannot stream.", "body.stream", number));
        }

        return (line with { Method = null, Url = null }, null);
    }
}
