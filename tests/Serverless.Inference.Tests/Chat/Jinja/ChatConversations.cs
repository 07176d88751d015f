namespace Serverless.Inference.Tests.Chat.Jinja;

/// <summary>The render globals of the chat template cases: message shapes from a plain exchange to tool calls and their results.</summary>
public static class ChatConversations
{
    private const string Tools = """
        [
          {"type": "function", "function": {"name": "get_weather", "description": "Current weather for a city",
            "parameters": {"type": "object", "properties": {"city": {"type": "string", "description": "City name"},
              "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}}, "required": ["city"]}}},
          {"type": "function", "function": {"name": "search", "description": "Search the web — fast",
            "parameters": {"type": "object", "properties": {"query": {"type": "string"}, "limit": {"type": "integer"},
              "tags": {"type": "array", "items": {"type": "string"}}}, "required": ["query"]}, "return": {"type": "string"}}}
        ]
        """;

    public static IReadOnlyList<(string Name, string Context)> All { get; } =
    [
        ("SystemAndUser", """
            {"messages": [{"role": "system", "content": "  You are terse.  "}, {"role": "user", "content": "Hi there!"}],
             "add_generation_prompt": true, "bos_token": "<s>", "eos_token": "</s>", "tools": null}
            """),
        ("MultiTurn", """
            {"messages": [{"role": "user", "content": "What is 2+2?"}, {"role": "assistant", "content": " 4. "},
                          {"role": "user", "content": "And 3+3? Use \"quotes\" and ünïcode ✓."}],
             "add_generation_prompt": true, "bos_token": "<s>", "eos_token": "</s>", "tools": null}
            """),
        ("NoGenerationPrompt", """
            {"messages": [{"role": "system", "content": "Be kind."}, {"role": "user", "content": "Hello"},
                          {"role": "assistant", "content": "Hi! How can I help?"}],
             "add_generation_prompt": false, "bos_token": "<bos>", "eos_token": "<eos>", "tools": null}
            """),
        ("WithTools", """
            {"messages": [{"role": "system", "content": "Use tools when useful."}, {"role": "user", "content": "Weather in Paris?"}],
             "add_generation_prompt": true, "bos_token": "<s>", "eos_token": "</s>", "tools": TOOLS}
            """.Replace("TOOLS", Tools, StringComparison.Ordinal)),
        ("ToolCallAndResult", """
            {"messages": [{"role": "user", "content": "Weather in Paris?"},
                          {"role": "assistant", "content": null, "tool_calls": [{"id": "call12345", "type": "function",
                            "function": {"name": "get_weather", "arguments": {"city": "Paris", "unit": "celsius"}}}]},
                          {"role": "tool", "tool_call_id": "call12345", "content": "{\"temp\": 21.5, \"sky\": \"clear\"}"},
                          {"role": "assistant", "content": "<think>\nIt is mild.\n</think>\n\nIt is 21.5°C and clear."},
                          {"role": "user", "content": "Thanks"}],
             "add_generation_prompt": true, "bos_token": "<s>", "eos_token": "</s>", "tools": TOOLS}
            """.Replace("TOOLS", Tools, StringComparison.Ordinal)),
        ("ContentParts", """
            {"messages": [{"role": "user", "content": [{"type": "text", "text": " Describe this: "}, {"type": "image"}, {"type": "text", "text": "please"}]}],
             "add_generation_prompt": true, "bos_token": "<bos>", "eos_token": "<eos>", "tools": null}
            """),
        ("RolesNotAlternating", """
            {"messages": [{"role": "user", "content": "One"}, {"role": "user", "content": "Two"}],
             "add_generation_prompt": true, "bos_token": "<s>", "eos_token": "</s>", "tools": null}
            """),
        ("ToolsUndefined", """
            {"messages": [{"role": "system", "content": "Sys"}, {"role": "user", "content": "Hi"}],
             "add_generation_prompt": true, "bos_token": "", "eos_token": ""}
            """),
    ];
}
