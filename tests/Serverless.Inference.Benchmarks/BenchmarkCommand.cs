using System.Diagnostics;
using System.Globalization;
using Serverless.ModelBuilder;

namespace Serverless.Inference.Benchmarks;

/// <summary>
/// Builds the models into the cache folder (once), then measures each model in a child process of its own so
/// that its peak working set is its own, not the model build's or the other model's.
/// </summary>
internal static class BenchmarkCommand
{
    private const string MeasureVerb = "measure";

    private static readonly BenchmarkModel[] Models =
    [
        new(DefaultModels.GenerationModelId, Gpt2Shape.Tiny, MaxTokens: 128),
        new("gpt2-bench", Gpt2Shape.Bench, MaxTokens: 64),
    ];

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (args is ["sampling"])
        {
            SamplingBenchmark.Run(output);
            return 0;
        }

        if (args.Length == 4 && args[0] == MeasureVerb)
        {
            var model = Models.Single(m => m.Id == args[2]);
            await GenerationBenchmark.MeasureAsync(args[1], model, int.Parse(args[3], CultureInfo.InvariantCulture), output);
            return 0;
        }

        var cache = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine(".artifacts", "benchmark-models"));
        var threads = args.Length > 1 ? args[1] : "0";
        foreach (var model in Models)
        {
            model.EnsureBuilt(cache);
        }

        output.WriteLine($"{Environment.ProcessorCount} cores, CPU execution provider, intra-op threads {(threads == "0" ? "ONNX Runtime default" : threads)}");
        output.WriteLine(GenerationBenchmark.Header);
        foreach (var model in Models)
        {
            var exitCode = await RunChildAsync([MeasureVerb, model.ParentFolder(cache), model.Id, threads], output);
            if (exitCode != 0)
            {
                return exitCode;
            }
        }

        return 0;
    }

    private static async Task<int> RunChildAsync(string[] args, TextWriter output)
    {
        // Under `dotnet x.dll` the process is dotnet itself and needs the assembly path first.
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(BenchmarkCommand).Assembly.Location);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            output.WriteLine(line);
        }

        await child.WaitForExitAsync();
        return child.ExitCode;
    }
}
