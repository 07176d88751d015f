using Serverless.Client;
using Serverless.Samples;

// Runs the samples in order, or those named: chat, stream, job, usage. Settings come from the environment:
//   OPENAI_BASE_URL=http://127.0.0.1:7071/v1 OPENAI_API_KEY=sk-... OPENAI_WEBHOOK_SECRET=whsec_... dotnet run -- [chat|stream|job|usage]
var settings = SampleSettings.FromEnvironment();
var options = new ServerlessClientOptions { Endpoint = settings.Endpoint, ApiKey = settings.ApiKey };
var openAI = options.CreateOpenAIClient();        // chat, completions, embeddings: the official OpenAI SDK
using var client = new ServerlessClient(options); // async jobs, usage, quota: what that SDK does not cover
try
{
    foreach (var sample in args.Length > 0 ? args : ["chat", "stream", "job", "usage"])
    {
        Console.WriteLine($"== {sample}");
        await (sample switch
        {
            "chat" => ChatSample.RunAsync(openAI, settings.Model),
            "stream" => StreamSample.RunAsync(openAI, settings.Model),
            "job" => JobWithWebhookSample.RunAsync(client, settings),
            "usage" => UsageSample.RunAsync(client),
            _ => throw new ArgumentException($"No sample '{sample}': chat, stream, job or usage."),
        });
    }

    return 0;
}
catch (Exception e)
{
    Console.Error.WriteLine(e);
    return 1;
}
