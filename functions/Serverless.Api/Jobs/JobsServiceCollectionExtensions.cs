using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Api.Webhooks;
using Serverless.Jobs;

namespace Serverless.Api.Jobs;

/// <summary>The async jobs' part of the API's DI: stores, queues, the orchestration's activities and webhooks.</summary>
public static class JobsServiceCollectionExtensions
{
    /// <summary>Registers everything both hosts need to submit, run and show jobs.</summary>
    public static IServiceCollection AddServerlessJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobOptions>().Bind(configuration.GetSection(JobOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(_ => StorageAccount.CreateQueueService(configuration));
        services.TryAddSingleton(_ => StorageAccount.CreateBlobService(configuration));
        services.AddSingleton<JobQueueClients>();
        services.AddSingleton<JobPayloads>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<JobLookup>();
        services.AddSingleton<JobViews>();
        services.AddSingleton<JobSubmitter>();
        services.AddSingleton<JobCanceller>();
        services.AddSingleton<JobListHandler>();
        services.AddSingleton<JobResultsHandler>();
        services.AddSingleton<WebhookUrlValidator>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookDeliveryStore>();

        // The activities are classes resolved from DI by both hosts: the Durable Task worker locally, the
        // Functions app's activity triggers in Azure.
        services.AddSingleton<DispatchJobActivity>();
        services.AddSingleton<SettleJobActivity>();
        services.AddSingleton<DeliverWebhookActivity>();
        return services;
    }
}
