using System.Text;
using Serverless.Api.Relay;

namespace Serverless.Api.Tests.Relay;

public sealed class SseEventReaderTests
{
    [Fact]
    public async Task Read_SplitsEvents_StripsUsageComments_AndKeepsTheirCounts()
    {
        var wire = "data: {\"a\":1}\n: usage 7 0\n\ndata: {\"a\":2}\n: usage 7 1\n\n: keep-alive\n\ndata: [DONE]\n\n";
        var reader = new SseEventReader(new MemoryStream(Encoding.UTF8.GetBytes(wire)));
        var events = new List<(string Text, (int, int)? Usage)>();

        while (await reader.ReadAsync(default) is { } e)
        {
            events.Add((Encoding.UTF8.GetString(e.Bytes.Span), e.Usage));
        }

        Assert.Equal(
            [("data: {\"a\":1}\n\n", (7, 0)), ("data: {\"a\":2}\n\n", (7, 1)), (": keep-alive\n\n", null), ("data: [DONE]\n\n", null)],
            events);
    }

    [Fact]
    public async Task Read_HandlesEventsSplitAcrossReads()
    {
        var reader = new SseEventReader(new OneByteStream(Encoding.UTF8.GetBytes("data: x\n: usage 3 9\n\n")));

        var first = await reader.ReadAsync(default);

        Assert.Equal("data: x\n\n", Encoding.UTF8.GetString(first!.Bytes.Span));
        Assert.Equal((3, 9), first.Usage);
        Assert.Null(await reader.ReadAsync(default));
    }

    [Theory]
    [InlineData("{\"id\":\"x\",\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}}", 12, 5)]
    [InlineData("{\"choices\":[{\"usage\":{\"prompt_tokens\":99}}],\"usage\":{\"completion_tokens\":3,\"prompt_tokens\":4}}", 4, 3)]
    [InlineData("{\"object\":\"list\",\"usage\":{\"prompt_tokens\":8,\"total_tokens\":8}}", 8, 0)]
    [InlineData("not json", 0, 0)]
    public void UsageReader_FindsTheTopLevelUsage(string json, int prompt, int completion) =>
        Assert.Equal((prompt, completion), UsageReader.FromJson(Encoding.UTF8.GetBytes(json)));

    /// <summary>A stream that hands out one byte per read, as a slow network might.</summary>
    private sealed class OneByteStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
