using System.ClientModel.Primitives;
using System.Text.Json.Nodes;
using OpenAI.Chat;
using Serverless.Client.Jobs;

namespace Serverless.Client;

public sealed partial class ServerlessClient
{
    /// <summary>
    /// Submits a chat completion job built from the OpenAI SDK's own types: <paramref name="messages"/> and
    /// <paramref name="options"/> are written as the SDK writes them for <c>/v1/chat/completions</c>. Read the result
    /// with <see cref="AsyncJob.GetChatCompletion"/>. Not retried on a 5xx: see the remarks on <see cref="ServerlessClient"/>.
    /// </summary>
    public Task<AsyncJob> SubmitChatCompletionAsync(
        string model,
        IEnumerable<ChatMessage> messages,
        ChatCompletionOptions? options = null,
        AsyncJobOptions? jobOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(messages);
        var body = options is null ? [] : JsonNode.Parse(ModelReaderWriter.Write(options).ToString())!.AsObject();
        body["model"] = model;
        body["messages"] = new JsonArray([.. messages.Select(m => JsonNode.Parse(ModelReaderWriter.Write(m).ToString()))]);
        body.Remove("stream");
        body.Remove("stream_options");
        return SubmitChatCompletionAsync(body, jobOptions, cancellationToken);
    }
}
