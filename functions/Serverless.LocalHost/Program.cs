using Serverless.Api;
using Serverless.LocalHost.Durable;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddServerlessApi(builder.Configuration);
builder.Logging.AddServerlessConsole();
builder.Services.AddLocalDurableJobs(builder.Configuration);

var app = builder.Build();
app.MapServerlessApi();
app.Run();

/// <summary>The local host's entry point, visible to tests that start it in-process.</summary>
public partial class Program;
