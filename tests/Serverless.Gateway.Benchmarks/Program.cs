using Serverless.Gateway.Benchmarks;

// "jobs [count]" runs the async job benchmark; anything else the gateway benchmark ("[requests]").
return args is ["jobs", .. var rest] ? await JobBenchmark.RunAsync(rest) : await GatewayBenchmark.RunAsync(args);
