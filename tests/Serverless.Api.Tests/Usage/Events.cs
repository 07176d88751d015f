using Serverless.Api.Usage;

namespace Serverless.Api.Tests.Usage;

/// <summary>Usage events for tests: a chat request of tenant-a on gpt2-tiny unless told otherwise.</summary>
internal static class Events
{
    public static readonly DateTimeOffset Noon = new(2026, 3, 15, 12, 0, 0, TimeSpan.Zero);

    public static UsageEvent Chat(
        string requestId, DateTimeOffset? at = null, string owner = "tenant-a", string model = "gpt2-tiny",
        int prompt = 10, int completion = 20, int status = 200, decimal cost = 0.003m) =>
        new(requestId, "key_1", owner, model, "/v1/chat/completions", prompt, completion, 15, status, cost, at ?? Noon);
}
