// Prints aggregate tokens/s at 1, 4 and 16 concurrent requests, time to first token (p50) and peak working set
// for the default gpt2-tiny and llama-tiny and the larger Gpt2Shape.Bench model, each measured in its own process:
//   dotnet run -c Release --project tests/Serverless.Inference.Benchmarks [-- <model cache folder> [intra-op threads]]
// or, on a GPU machine (publish with -p:OnnxRuntimeFlavor=Gpu), GPT-2-medium's shape in fp32 and fp16 at 1, 16 and
// 64 concurrent on the CUDA provider, batch 1 against the roofline of the given memory bandwidth:
//   Serverless.Inference.Benchmarks gpu <bandwidth GB/s, e.g. 4800 for an H200> [<model cache folder>]
// or the cost of choosing one token from a GPT-2-sized row of logits, for common sampling settings:
//   dotnet run -c Release --project tests/Serverless.Inference.Benchmarks -- sampling
// or gpt2-tiny's tokens/s with and without a json_schema constraint (1 and 16 concurrent), and the mask's cost per step:
//   dotnet run -c Release --project tests/Serverless.Inference.Benchmarks -- constrained [<model cache folder>]
using Serverless.Inference.Benchmarks;

return await BenchmarkCommand.RunAsync(args, Console.Out);
