using Serverless.Inference;
using Serverless.Jobs;
using Serverless.Telemetry;
using Serverless.Worker.Telemetry;

namespace Serverless.Worker.Jobs;

/// <summary>The job mode's DI entry point.</summary>
internal static class JobModeServiceCollectionExtensions
{
    public static IServiceCollection AddJobMode(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobModeOptions>().Bind(configuration.GetSection(JobModeOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddServerlessInference(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddServerlessTelemetry(configuration, "serverless-worker-jobs", WorkerMetrics.MeterName);
        services.AddSingleton(_ => StorageAccount.CreateQueueService(configuration));
        services.AddSingleton(_ => StorageAccount.CreateTableService(configuration));
        services.AddSingleton(_ => StorageAccount.CreateBlobService(configuration));
        services.AddSingleton<WorkerMetrics>();
        services.AddSingleton<JobPayloads>();
        services.AddSingleton<JobLifecycle>();
        services.AddSingleton<JobExecutor>();
        services.AddSingleton<WorkQueues>();
        services.AddSingleton<JobMessageProcessor>();
        services.AddHostedService<JobLoop>();
        return services;
    }
}
