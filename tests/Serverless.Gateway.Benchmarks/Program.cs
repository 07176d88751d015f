using Serverless.Gateway.Benchmarks;

// "jobs [count]": the async job benchmark; "batches [embedding lines] [chat lines]": the Batch API; "soak [minutes] [rate]", "soak-worker [minutes] [rate]", "soak-cache [minutes] [rate]", "soak-routing [minutes] [rate]" and
// "burst [minutes] [connections]": metering under sustained load; "routing [requests]": routing and response cache cost, cache hits, failover; anything else the gateway benchmark ("[requests]").
return args switch
{
    ["jobs", .. var rest] => await JobBenchmark.RunAsync(rest),
    ["batches", .. var rest] => await BatchBenchmark.RunAsync(rest),
    ["soak", .. var rest] => await SoakBenchmark.RunAsync(rest, realWorker: false),
    ["soak-worker", .. var rest] => await SoakBenchmark.RunAsync(rest, realWorker: true),
    ["soak-cache", .. var rest] => await SoakBenchmark.RunAsync(rest, realWorker: false, responseCache: true),
    ["soak-routing", .. var rest] => await SoakBenchmark.RunAsync(rest, realWorker: false, routing: true),
    ["burst", .. var rest] => await BurstBenchmark.RunAsync(rest),
    ["routing", .. var rest] => await RoutingBenchmark.RunAsync(rest),
    _ => await GatewayBenchmark.RunAsync(args),
};
