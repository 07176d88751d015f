using OpenAI.Chat;
using Serverless.Client;
using Serverless.Client.Jobs;
using Serverless.Client.Webhooks;

namespace Serverless.Samples;

/// <summary>
/// An async job with a webhook: submit the work, get 202 at once, and let the API call back, signed, when the job
/// ends; the receiver verifies the call with <see cref="WebhookVerifier"/> and the key's webhook secret. It listens
/// on 127.0.0.1, which a local stack (<c>./run.sh</c>) allows; a deployed API calls only public https URLs.
/// </summary>
internal static class JobWithWebhookSample
{
    public static async Task RunAsync(ServerlessClient client, SampleSettings settings)
    {
        var secret = settings.WebhookSecret ?? throw new InvalidOperationException("Set OPENAI_WEBHOOK_SECRET to the key's webhook_secret (whsec_...).");

        // 1. The receiver: one verifier per receiver (it remembers the ids it verified, to refuse replays).
        await using var receiver = await WebhookReceiver.StartAsync(new WebhookVerifier(secret));

        // 2. Submit, built with the OpenAI SDK's own types. A submit is not retried after a 5xx or a timeout: the
        // API may have taken the job, and a second submit would run (and bill) it twice.
        AsyncJob submitted = await client.SubmitChatCompletionAsync(
            settings.Model,
            [new UserChatMessage("Write a haiku about queues.")],
            new ChatCompletionOptions { MaxOutputTokenCount = 16 },
            new AsyncJobOptions(Webhook: receiver.Url, Timeout: TimeSpan.FromMinutes(10)));
        Console.WriteLine($"submitted {submitted.Id}: {submitted.Status}");

        // 3. Wait for the call (a real service would not wait: the webhook handler does the work).
        AsyncJob job = await receiver.NextJobAsync(TimeSpan.FromMinutes(2));
        if (job.Id != submitted.Id || job.Status != AsyncJobStatus.Succeeded)
        {
            throw new InvalidOperationException($"Job {job.Id} {job.Status}: {job.Error?.Code} {job.Error?.Message}");
        }

        // The verified body is the job object with its result, read as the OpenAI SDK's ChatCompletion.
        ChatCompletion completion = job.GetChatCompletion()!;
        Console.WriteLine($"{job.Id} {job.Status}: \"{string.Concat(completion.Content.Select(part => part.Text))}\" ({job.Usage!.TotalTokens} tokens)");

        // A client that cannot take calls polls instead: with exponential backoff and jitter, honouring Retry-After.
        AsyncJob polled = await client.WaitForCompletionAsync(submitted.Id, timeout: TimeSpan.FromMinutes(2));
        Console.WriteLine($"polled: {polled.Status}");
    }
}
