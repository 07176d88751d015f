using Serverless.Worker.Generation.Tools;

namespace Serverless.Worker.Tests.Generation.Tools;

public sealed class ForcedCallReaderTests
{
    [Fact]
    public void AnArrayOfCalls_SplitAnywhere_ReadsEachNameAndItsWholeArguments()
    {
        const string Output = """[{"name": "get_weather", "arguments": {"city": "Os}lo\"", "days": [1, {"x": 2}]}}, {"name":"get_time","arguments":{}}]""";
        for (var size = 1; size <= Output.Length; size++)
        {
            var reader = new ForcedCallReader();
            var events = Output.Chunk(size).SelectMany(piece => reader.Push(new string(piece))).ToList();

            Assert.Equal(["get_weather", "get_time"], events.Where(e => e.Name is not null).Select(e => e.Name));
            Assert.Equal(
                ["""{"city": "Os}lo\"", "days": [1, {"x": 2}]}""", "{}"],
                events.GroupBy(e => e.Index).Select(g => string.Concat(g.Select(e => e.Arguments))));
            Assert.Equal(reader.Calls.Select(c => c.Arguments), events.GroupBy(e => e.Index).Select(g => string.Concat(g.Select(e => e.Arguments))));
        }
    }

    [Fact]
    public void ACutOffCall_KeepsTheArgumentsItHad()
    {
        var reader = new ForcedCallReader();

        reader.Push("""{"name": "get_weather", "arguments": {"city": "Os""");

        var call = Assert.Single(reader.Calls);
        Assert.Equal(("get_weather", """{"city": "Os"""), (call.Name, call.Arguments));
    }

    [Fact]
    public void AnOutputCutBeforeItsArguments_HasNoCall()
    {
        var reader = new ForcedCallReader();

        Assert.Empty(reader.Push("""{"name": "get_wea"""));
        Assert.Empty(reader.Calls);
    }
}
