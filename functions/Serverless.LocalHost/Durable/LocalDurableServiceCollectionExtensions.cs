using System.Net.Sockets;
using Grpc.Net.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.DurableTask.Worker.Grpc.Internal;
using Microsoft.Extensions.Options;
using Serverless.Api.Batches.Orchestration;
using Serverless.Api.Jobs;
using Serverless.Api.Jobs.Orchestration;
using Serverless.Api.Jobs.Queues;
using Serverless.Api.Jobs.Webhooks;

namespace Serverless.LocalHost.Durable;

/// <summary>The local host's job machinery: the Durable Task backend, worker and client, and the results-queue listener.</summary>
internal static class LocalDurableServiceCollectionExtensions
{
    /// <summary>Hosts the job orchestrations in this process, as the Functions Durable extension does in Azure.</summary>
    public static IServiceCollection AddLocalDurableJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LocalDurableOptions>().Bind(configuration.GetSection(LocalDurableOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        var socketPath = Path.Combine(Path.GetTempPath(), $"serverless-durable-{Environment.ProcessId}-{Guid.NewGuid():N}.sock");
        var channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, cancellationToken) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    try
                    {
                        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            },
        });

        // The sidecar first: hosted services start in order, and the worker connects to it when it starts.
        services.AddSingleton(provider => new LocalDurableSidecar(
            socketPath,
            provider.GetRequiredService<IOptions<LocalDurableOptions>>(),
            configuration,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService(provider => provider.GetRequiredService<LocalDurableSidecar>());

        var concurrency = configuration.GetSection(LocalDurableOptions.SectionName).GetValue(nameof(LocalDurableOptions.Concurrency), new LocalDurableOptions().Concurrency);
        services.AddDurableTaskWorker(builder =>
        {
            builder.UseGrpc(channel);
            builder.Configure(worker =>
            {
                worker.Concurrency.MaximumConcurrentActivityWorkItems = concurrency;
                worker.Concurrency.MaximumConcurrentOrchestrationWorkItems = concurrency;
            });
            builder.AddTasks(tasks =>
            {
                tasks.AddOrchestrator<JobOrchestrator>();
                tasks.AddActivity<EndJobActivity>();
                tasks.AddActivity<DeliverWebhookActivity>();
                tasks.AddOrchestrator<BatchOrchestrator>();
                tasks.AddActivity<StartBatchActivity>();
                tasks.AddActivity<DispatchChunkActivity>();
                tasks.AddActivity<SettleChunkActivity>();
                tasks.AddActivity<StopBatchActivity>();
                tasks.AddActivity<FinishBatchActivity>();
                tasks.AddActivity<DeliverBatchWebhookActivity>();
            });
        });
        // The in-process sidecar sends no health pings, so the worker's silent-disconnect detector would tear
        // down a healthy stream after every idle spell (and with it work items in flight): turn it off.
        services.Configure<GrpcDurableTaskWorkerOptions>(grpc => grpc.SetSilentDisconnectTimeout(TimeSpan.Zero));
        services.AddDurableTaskClient(builder =>
        {
            builder.UseGrpc(channel);
            builder.RegisterDirectly();
        });

        // The backend and the sidecar log every poll and call at Information: keep their warnings only.
        services.AddLogging(logging => logging
            .AddFilter("DurableTask", LogLevel.Warning)
            .AddFilter("Microsoft.DurableTask", LogLevel.Warning)
            .AddFilter("Grpc", LogLevel.Warning));

        services.PostConfigure<JobOptions>(jobs => jobs.ListenForResults = true);
        services.AddHostedService<ResultsQueueListener>();
        services.AddHostedService<JobHistoryPurgeService>();

        // Without this the host stops its services one by one, and the worker's stop waits out its timeout on a
        // sidecar that is stopping too.
        services.Configure<HostOptions>(host => host.ServicesStopConcurrently = true);
        return services;
    }
}
