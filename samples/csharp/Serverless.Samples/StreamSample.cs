using OpenAI;
using OpenAI.Chat;

namespace Serverless.Samples;

/// <summary>A streamed chat completion: the text arrives token by token as server-sent events.</summary>
internal static class StreamSample
{
    public static async Task RunAsync(OpenAIClient openAI, string model)
    {
        ChatClient chat = openAI.GetChatClient(model);
        ChatTokenUsage? usage = null;

        // The SDK asks for the usage of the whole answer, which comes with the last update.
        await foreach (StreamingChatCompletionUpdate update in chat.CompleteChatStreamingAsync(
            [new UserChatMessage("Count to five.")],
            new ChatCompletionOptions { MaxOutputTokenCount = 16 }))
        {
            foreach (var part in update.ContentUpdate)
            {
                Console.Write(part.Text);
            }

            usage = update.Usage ?? usage;
        }

        Console.WriteLine();
        Console.WriteLine(usage is null ? "(no usage reported)" : $"{usage.OutputTokenCount} tokens streamed");
    }
}
