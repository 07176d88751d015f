using Microsoft.Extensions.Options;
using Serverless.Inference;
using Serverless.Inference.Runtime;
using Serverless.ModelBuilder;
using Serverless.Worker.Jobs;
using Serverless.Worker.Serving;

namespace Serverless.Worker;

/// <summary>
/// The worker's commands: <c>serve</c> (the default), <c>job</c> (the queue-driven Container Apps job) and
/// <c>prepare-models</c>. The content root is the app's folder wherever it is started from, so its appsettings.json
/// always applies; relative paths in settings (the models folder) still resolve against the working directory.
/// </summary>
internal static class WorkerCommands
{
    public static async Task<int> RunAsync(string[] args)
    {
        var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "serve";
        var rest = command == "serve" && (args.Length == 0 || args[0].StartsWith('-')) ? args : args[1..];
        try
        {
            return await RunAsync(command, rest);
        }
        catch (CudaUnavailableException)
        {
            // Already logged, as a critical event, with what the worker saw: a clear refusal, not a stack trace.
            return 3;
        }
    }

    private static async Task<int> RunAsync(string command, string[] rest)
    {
        switch (command)
        {
            case "serve":
                await ServeAsync(rest);
                return 0;
            case "job":
                await JobAsync(rest);
                return 0;
            case "prepare-models":
                return await PrepareModelsAsync(rest);
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{command}'. Commands: serve [--urls URL] [--Inference:ModelsPath PATH], job [--JobMode:RunForever true] [--Inference:ModelsPath PATH], prepare-models [--Inference:ModelsPath PATH].");
                return 2;
        }
    }

    private static async Task ServeAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddServeMode(builder.Configuration);
        await using var app = builder.Build(); // disposed on a refusal too, so the console logger prints it

        if (app.Services.GetRequiredService<IOptions<ServeOptions>>().Value.BuildDefaultModels)
        {
            var modelsPath = app.Services.GetRequiredService<IOptions<InferenceOptions>>().Value.ModelsPath;
            await DefaultModels.EnsureAsync(modelsPath, app.Logger, app.Lifetime.ApplicationStopping);
        }

        // Load every model before the first request; failures are logged and the rest still serve.
        _ = app.Services.GetRequiredService<ModelCatalog>();
        app.UseServeModeAuthentication();
        app.MapServeMode();
        await app.RunAsync();
    }

    private static async Task JobAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddJobMode(builder.Configuration);
        using var host = builder.Build();
        var modelsPath = host.Services.GetRequiredService<IOptions<InferenceOptions>>().Value.ModelsPath;
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("job");
        await DefaultModels.EnsureAsync(modelsPath, logger);
        _ = host.Services.GetRequiredService<ModelCatalog>();
        await host.RunAsync();
    }

    private static async Task<int> PrepareModelsAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile("appsettings.json", optional: true).AddCommandLine(args).Build();
        var modelsPath = configuration[$"{InferenceOptions.SectionName}:{nameof(InferenceOptions.ModelsPath)}"] ?? new InferenceOptions().ModelsPath;
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        await DefaultModels.EnsureAsync(modelsPath, loggers.CreateLogger("prepare-models"));
        return 0;
    }
}
