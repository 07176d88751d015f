using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;
using Serverless.Api;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddServerlessApi(builder.Configuration);

// The worker's invocation span carries the host's trace context; the API's request span becomes its child.
builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource("Microsoft.Azure.Functions.Worker"));

builder.Build().Run();
