using System.Text.Json;

namespace Serverless.Api.Relay;

/// <summary>Reads <c>usage.prompt_tokens</c> and <c>usage.completion_tokens</c> from an answer body without building a DOM.</summary>
internal static class UsageReader
{
    public static (int PromptTokens, int CompletionTokens) FromJson(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        int prompt = 0, completion = 0;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1 || !reader.ValueTextEquals("usage"u8))
                {
                    continue;
                }

                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    break;
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    if (reader.TokenType != JsonTokenType.PropertyName)
                    {
                        continue;
                    }

                    var isPrompt = reader.ValueTextEquals("prompt_tokens"u8);
                    var isCompletion = reader.ValueTextEquals("completion_tokens"u8);
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Number)
                    {
                        prompt = isPrompt ? reader.GetInt32() : prompt;
                        completion = isCompletion ? reader.GetInt32() : completion;
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                break;
            }
        }
        catch (JsonException)
        {
            // Not our worker's JSON: nothing to bill from it.
        }

        return (prompt, completion);
    }
}
