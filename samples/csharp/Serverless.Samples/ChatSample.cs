using OpenAI;
using OpenAI.Chat;

namespace Serverless.Samples;

/// <summary>A chat completion with the official OpenAI .NET SDK, unmodified: only its endpoint points at this API.</summary>
internal static class ChatSample
{
    public static async Task RunAsync(OpenAIClient openAI, string model)
    {
        ChatClient chat = openAI.GetChatClient(model);
        ChatCompletion completion = await chat.CompleteChatAsync(
            [new UserChatMessage("Say hello.")],
            new ChatCompletionOptions { MaxOutputTokenCount = 16 });

        Console.WriteLine(string.Concat(completion.Content.Select(part => part.Text)));
        Console.WriteLine($"{completion.Usage.TotalTokenCount} tokens, finish reason {completion.FinishReason}");
    }
}
