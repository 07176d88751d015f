using Serverless.Api;
using Serverless.LocalHost.Durable;

// The content root is the app's folder, wherever it is started from, so its appsettings.json always applies.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddServerlessApi(builder.Configuration);
builder.Logging.AddServerlessConsole();
builder.Services.AddLocalDurableJobs(builder.Configuration);

var app = builder.Build();
app.MapServerlessApi();
app.Run();

/// <summary>The local host's entry point, visible to tests that start it in-process.</summary>
public partial class Program;
