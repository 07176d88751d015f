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

    private const string GpuVerb = "gpu";

    private static readonly BenchmarkModel[] Models =
    [
        BenchmarkModel.Gpt2(DefaultModels.GenerationModelId, Gpt2Shape.Tiny, maxTokens: 128),
        BenchmarkModel.Llama(DefaultModels.LlamaModelId, LlamaShape.Tiny, maxTokens: 128),
        BenchmarkModel.Gpt2("gpt2-bench", Gpt2Shape.Bench, maxTokens: 64),
    ];

    /// <summary>GPT-2-medium's shape (24 layers, 1024 wide, 16 heads), fp32 and fp16: what the GPU figures are taken on.</summary>
    private static readonly BenchmarkModel[] GpuModels =
    [
        BenchmarkModel.Gpt2("gpt2-medium-fp32", Gpt2Shape.Medium, maxTokens: 128),
        BenchmarkModel.Gpt2("gpt2-medium-fp16", Gpt2Shape.Medium, maxTokens: 128, float16: true),
    ];

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (args is ["sampling"])
        {
            SamplingBenchmark.Run(output);
            return 0;
        }

        if (args is ["constrained", ..])
        {
            var gpt2 = Models[0];
            var modelCache = Path.GetFullPath(args.Length > 1 ? args[1] : Path.Combine(".artifacts", "benchmark-models"));
            gpt2.EnsureBuilt(modelCache);
            await ConstrainedBenchmark.RunAsync(gpt2.ParentFolder(modelCache), gpt2.Id, output);
            return 0;
        }

        if (args.Length == 5 && args[0] == MeasureVerb)
        {
            var model = Models.Concat(GpuModels).Single(m => m.Id == args[2]);
            var setup = new GenerationBenchmark.Setup(int.Parse(args[3], CultureInfo.InvariantCulture), double.Parse(args[4], CultureInfo.InvariantCulture));
            await GenerationBenchmark.MeasureAsync(args[1], model, setup, output);
            return 0;
        }

        // gpu [bandwidth GB/s] [cache]: the CUDA provider, 1/16/64 concurrent, against the memory-bandwidth roofline.
        var gpu = args.Length > 0 && args[0] == GpuVerb;
        var rest = gpu ? args[1..] : args;
        var bandwidth = gpu && rest.Length > 0 ? rest[0] : "0";
        var cache = Path.GetFullPath((gpu ? rest.Skip(1) : rest).FirstOrDefault() ?? Path.Combine(".artifacts", "benchmark-models"));
        var threads = !gpu && rest.Length > 1 ? rest[1] : "0";
        var models = gpu ? GpuModels : Models;
        foreach (var model in models)
        {
            model.EnsureBuilt(cache);
        }

        output.WriteLine(gpu
            ? $"CUDA execution provider, roofline from {bandwidth} GB/s of memory bandwidth (weights read once per step)"
            : $"{Environment.ProcessorCount} cores, CPU execution provider, intra-op threads {(threads == "0" ? "ONNX Runtime default" : threads)}");
        output.WriteLine(GenerationBenchmark.Header);
        foreach (var model in models)
        {
            var exitCode = await RunChildAsync([MeasureVerb, model.ParentFolder(cache), model.Id, gpu ? "-1" : threads, bandwidth], output);
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
