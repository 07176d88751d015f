using Serverless.Worker.Generation.Tools;

namespace Serverless.Worker.Tests.Generation.Tools;

public sealed class ToolCallParserTests
{
    private static readonly ToolCalling Auto = new(["get_weather", "get_time"], Forced: false, AllowMultiple: true);

    public static TheoryData<string, string[]> Calls => new()
    {
        { "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>", ["get_weather {\"city\": \"Paris\"}"] },
        {
            "<tool_call>{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Oslo\"}}</tool_call>\n<tool_call>{\"name\":\"get_time\",\"arguments\":{}}",
            ["get_weather {\"city\":\"Oslo\"}", "get_time {}"]
        },
        { "{\"name\": \"get_time\", \"parameters\": {\"zone\": \"UTC\"}}", ["get_time {\"zone\": \"UTC\"}"] },
        { "<|python_tag|>{\"name\": \"get_time\", \"arguments\": \"{\\\"zone\\\": \\\"CET\\\"}\"}", ["get_time {\"zone\": \"CET\"}"] },
        { "[TOOL_CALLS] [{\"name\": \"get_time\", \"arguments\": {}}, {\"name\": \"get_weather\", \"arguments\": {\"city\": \"Rome\"}}]", ["get_time {}", "get_weather {\"city\": \"Rome\"}"] },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public void Parse_ReadsTheFormsModelsWrite(string output, string[] expected)
    {
        var calls = ToolCallParser.Parse(output, Auto);

        Assert.NotNull(calls);
        Assert.Equal(expected, calls.Select(c => $"{c.Name} {c.Arguments}"));
    }

    [Theory]
    [InlineData("The weather is fine.")]
    [InlineData("Sure: <tool_call>{\"name\": \"get_time\", \"arguments\": {}}</tool_call>")]
    [InlineData("{\"name\": \"launch_rockets\", \"arguments\": {}}")]
    [InlineData("{\"name\": \"get_time\", \"arguments\": [1]}")]
    [InlineData("{\"name\": \"get_time\", \"arguments\": {\"zone\": ")]
    [InlineData("<tool_call>{\"name\": \"get_time\"}</tool_call>")]
    [InlineData("{\"answer\": 42}")]
    public void Parse_LeavesAnswersThatAreNotWholeCallsOfOfferedFunctionsAsText(string output) =>
        Assert.Null(ToolCallParser.Parse(output, Auto));

    [Fact]
    public void Parse_WithoutParallelCalls_KeepsTheFirstCallOnly()
    {
        var single = Auto with { AllowMultiple = false };

        var calls = ToolCallParser.Parse("[{\"name\":\"get_time\",\"arguments\":{}},{\"name\":\"get_weather\",\"arguments\":{}}]", single);

        Assert.Equal(["get_time"], calls!.Select(c => c.Name));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("  <tool", true)]
    [InlineData("<tool_call>{\"na", true)]
    [InlineData("{", true)]
    [InlineData("[TOOL", true)]
    [InlineData("Hello", false)]
    [InlineData("<b>", false)]
    public void MayBeCall_HoldsBackOnlyWhatCouldStillOpenACall(string start, bool expected) =>
        Assert.Equal(expected, ToolCallParser.MayBeCall(start));
}
