using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Api.Batches.Orchestration;
using Serverless.Api.Files;

namespace Serverless.Api.Batches;

/// <summary>The Files and Batch APIs' part of the API's DI: stores, the batch orchestration's activities.</summary>
public static class BatchesServiceCollectionExtensions
{
    /// <summary>Registers everything both hosts need to take files and run batches.</summary>
    public static IServiceCollection AddServerlessBatches(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FilesOptions>().Bind(configuration.GetSection(FilesOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BatchOptions>().Bind(configuration.GetSection(BatchOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FileStore>();
        services.AddSingleton<BatchStore>();
        services.AddSingleton<BatchSlices>();
        services.AddSingleton<BatchInputSplitter>();
        services.AddSingleton<BatchWebhookCaller>();

        // The activities are classes resolved from DI by both hosts, as the job orchestration's are.
        services.AddSingleton<StartBatchActivity>();
        services.AddSingleton<DispatchChunkActivity>();
        services.AddSingleton<SettleChunkActivity>();
        services.AddSingleton<StopBatchActivity>();
        services.AddSingleton<FinishBatchActivity>();
        services.AddSingleton<DeliverBatchWebhookActivity>();
        return services;
    }
}
