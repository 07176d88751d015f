using Serverless.Gateway.Benchmarks;

return await GatewayBenchmark.RunAsync(args);
