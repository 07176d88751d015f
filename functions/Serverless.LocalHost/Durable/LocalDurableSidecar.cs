using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.Options;
using Serverless.Jobs;

namespace Serverless.LocalHost.Durable;

/// <summary>
/// The local Durable Task backend: the Azure Storage orchestration service (the same store and hub layout the
/// Functions Durable extension uses, here on Azurite) served over gRPC, on a Unix socket only this process knows,
/// by the test host's <see cref="TaskHubGrpcServer"/>, so the SDK's standard gRPC worker and client run the job
/// orchestrations. It runs as its own small Kestrel host because the API's host listens on HTTP/1.1 URLs.
/// </summary>
internal sealed partial class LocalDurableSidecar(
    string socketPath, IOptions<LocalDurableOptions> options, IConfiguration configuration, TimeProvider time, ILoggerFactory loggers)
    : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly ILogger logger = loggers.CreateLogger<LocalDurableSidecar>();
    private WebApplication? app;
    private CancellableOrchestrationService? service;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var storage = configuration[StorageAccount.SettingName]
            ?? throw new InvalidOperationException($"The local host's job backend needs {StorageAccount.SettingName} (a connection string).");
        var azureStorage = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = settings.TaskHubName,
            StorageAccountClientProvider = new StorageAccountClientProvider(storage),
            MaxQueuePollingInterval = settings.MaxQueuePollingInterval,
            PartitionCount = settings.PartitionCount,
            ControlQueueVisibilityTimeout = settings.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = settings.WorkItemQueueVisibilityTimeout,
            MaxConcurrentTaskActivityWorkItems = settings.Concurrency,
            MaxConcurrentTaskOrchestrationWorkItems = settings.Concurrency,
            WorkerId = settings.WorkerId ?? $"{Environment.MachineName}-{Environment.ProcessId}",
            LoggerFactory = loggers,
        });
        service = new CancellableOrchestrationService(azureStorage, time, stopping.Token);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(socketPath, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton(loggers);
        builder.Services.AddLogging();
        builder.Services.AddRouting();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(service);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(azureStorage);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        builder.Services.Configure<HostOptions>(host => host.ServicesStopConcurrently = true);
        app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        File.Delete(socketPath);
        await app.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        if (app is not null)
        {
            await app.StopAsync(cancellationToken);
        }

        if (service is not null)
        {
            // The backend's stop (releasing its partition leases) retries for as long as storage does not answer:
            // the host's shutdown timeout bounds it, and the leases then lapse by themselves.
            try
            {
                await service.StopAsync().WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                LogStopAbandoned();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        stopping.Dispose();
        File.Delete(socketPath);
    }

    [LoggerMessage(EventId = 7200, Level = LogLevel.Warning, Message = "The Durable backend did not stop within the host's shutdown timeout (is storage away?); its partition leases lapse by themselves")]
    private partial void LogStopAbandoned();
}
