// Prints aggregate tokens/s at 1, 4 and 16 concurrent requests, time to first token (p50) and peak working set
// for the default gpt2-tiny and the larger Gpt2Shape.Bench model, each measured in its own process:
//   dotnet run -c Release --project tests/Serverless.Inference.Benchmarks [-- <model cache folder> [intra-op threads]]
// or the cost of choosing one token from a GPT-2-sized row of logits, for common sampling settings:
//   dotnet run -c Release --project tests/Serverless.Inference.Benchmarks -- sampling
using Serverless.Inference.Benchmarks;

return await BenchmarkCommand.RunAsync(args, Console.Out);
