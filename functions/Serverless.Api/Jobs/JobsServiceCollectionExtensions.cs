using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Trace;
using Serverless.Api.Jobs.Http;
using Serverless.Api.Jobs.Orchestration;
using Serverless.Api.Jobs.Queues;
using Serverless.Api.Jobs.Webhooks;
using Serverless.Api.Webhooks;
using Serverless.Jobs;

namespace Serverless.Api.Jobs;

/// <summary>The async jobs' part of the API's DI: stores, queues, the orchestration's activities and webhooks.</summary>
public static class JobsServiceCollectionExtensions
{
    /// <summary>The activity source the Durable Task SDK's worker and client trace with.</summary>
    public const string DurableTaskTraceSource = "Microsoft.DurableTask";

    /// <summary>Registers everything both hosts need to submit, run and show jobs.</summary>
    public static IServiceCollection AddServerlessJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobOptions>().Bind(configuration.GetSection(JobOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(_ => StorageAccount.CreateQueueService(configuration));
        services.TryAddSingleton(_ => StorageAccount.CreateBlobService(configuration));
        services.AddSingleton<JobQueueClients>();
        services.AddSingleton<JobWorkQueue>();
        services.AddSingleton<JobEventRaiser>();
        services.AddSingleton<JobQueueMonitor>();
        services.AddHostedService(provider => provider.GetRequiredService<JobQueueMonitor>());
        services.AddSingleton<JobPayloads>();
        services.AddSingleton<JobLifecycle>();
        services.AddSingleton<ActiveJobs>();
        services.AddSingleton<JobLookup>();
        services.AddSingleton<JobViews>();
        services.AddSingleton<JobSubmitter>();
        services.AddSingleton<JobCanceller>();
        services.AddSingleton<JobListHandler>();
        services.AddSingleton<JobResultsHandler>();
        services.AddSingleton<JobHistoryPurger>();
        services.AddSingleton<WebhookSecretStore>();
        services.AddSingleton<WebhookSigningSecrets>();
        services.AddSingleton<WebhookUrlValidator>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookDeliveryStore>();
        services.AddSingleton<JobWebhookCaller>();

        // The activities are classes resolved from DI by both hosts: the Durable Task worker locally, the
        // Functions app's activity triggers in Azure.
        services.AddSingleton<EndJobActivity>();
        services.AddSingleton<DeliverWebhookActivity>();

        // The Durable Task SDK's spans (an orchestration's run, each activity's) join the trace of the request that
        // scheduled the job, so one trace runs from the submit through the orchestration to the worker and the webhook.
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(DurableTaskTraceSource));
        return services;
    }
}
