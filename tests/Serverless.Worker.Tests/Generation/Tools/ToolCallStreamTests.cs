using Serverless.Inference;
using Serverless.Worker.Generation;
using Serverless.Worker.Generation.Tools;

namespace Serverless.Worker.Tests.Generation.Tools;

public sealed class ToolCallStreamTests
{
    private static readonly ToolCalling Auto = new(["get_weather"], Forced: false, AllowMultiple: true);

    [Fact]
    public void ACall_IsHeldToTheEnd_ThenStreamedAsOpenAIStreamsCalls()
    {
        var stream = new ToolCallStream(Auto);

        var shaped = Pieces("<tool_", "call>{\"name\": \"get_weather\", ", "\"arguments\": {\"city\": \"Oslo\"}}</tool_call>").SelectMany(stream.Push).ToList();

        Assert.Equal(2, shaped.Count);
        var deltas = shaped[0].ToolCalls!;
        Assert.StartsWith("call_", deltas[0].Id, StringComparison.Ordinal);
        Assert.Equal(("function", "get_weather", ""), (deltas[0].Type, deltas[0].Function.Name, deltas[0].Function.Arguments));
        Assert.Equal((0, (string?)null, "{\"city\": \"Oslo\"}"), (deltas[1].Index, deltas[1].Id, deltas[1].Function.Arguments));
        Assert.Null(shaped[0].FinishReason);
        Assert.True(shaped[1].CalledTools);
        Assert.Equal(FinishReason.Stop, shaped[1].FinishReason);
    }

    [Fact]
    public void Text_StreamsAsSoonAsItCannotOpenACall_IncludingWhatWasHeld()
    {
        var stream = new ToolCallStream(Auto);

        var shaped = Pieces(" ", "<", "b>bold", " text").SelectMany(stream.Push).ToList();

        Assert.Equal([" <b>bold", " text"], shaped.Select(s => s.Text));
        Assert.All(shaped, s => Assert.Null(s.ToolCalls));
        Assert.Equal(FinishReason.Stop, shaped[^1].FinishReason);
    }

    [Fact]
    public void OutputThatLookedLikeACallButWasNot_EndsAsText()
    {
        var stream = new ToolCallStream(Auto);

        var shaped = Pieces("{\"answer\": ", "42}").SelectMany(stream.Push).ToList();

        Assert.Equal("{\"answer\": 42}", Assert.Single(shaped).Text);
        Assert.False(shaped[0].CalledTools);
    }

    [Fact]
    public void AForcedCall_StreamsItsArgumentsAsTheyAreGenerated()
    {
        var stream = new ToolCallStream(Auto with { Forced = true });

        var shaped = Pieces("{\"name\": \"get_weather\", \"argu", "ments\": {\"ci", "ty\": \"Oslo\"}", "}").Select(stream.Push).ToList();

        Assert.Empty(shaped[0]);
        var opened = Assert.Single(shaped[1]).ToolCalls!;
        Assert.Equal(("get_weather", "", "{\"ci"), (opened[0].Function.Name, opened[0].Function.Arguments, opened[1].Function.Arguments));
        Assert.Equal("ty\": \"Oslo\"}", Assert.Single(Assert.Single(shaped[2]).ToolCalls!).Function.Arguments);
        var last = Assert.Single(shaped[3]);
        Assert.True(last.CalledTools);
        Assert.Null(last.ToolCalls);
    }

    [Fact]
    public void AForcedCallCutShort_EndsByLength_NotAsACall()
    {
        var stream = new ToolCallStream(Auto with { Forced = true });

        var shaped = new[] { new ChoiceChunk(0, "{\"name\": \"get_weather\", \"arguments\": {\"ci", 1, FinishReason.Length) }.SelectMany(stream.Push).ToList();

        Assert.Equal("{\"ci", shaped[0].ToolCalls![1].Function.Arguments);
        Assert.False(shaped[^1].CalledTools);
        Assert.Equal(FinishReason.Length, shaped[^1].FinishReason);
    }

    private static IEnumerable<ChoiceChunk> Pieces(params string[] texts) =>
        texts.Select((text, i) => new ChoiceChunk(0, text, i + 1, i == texts.Length - 1 ? FinishReason.Stop : null));
}
