using Serverless.Inference.Generation.Streaming;

namespace Serverless.Inference.Tests.Generation.Streaming;

public sealed class StopSequenceFilterTests
{
    [Fact]
    public void Push_StopInsideOnePiece_EmitsTextBeforeItAndStops()
    {
        var filter = new StopSequenceFilter(["END"]);

        Assert.Equal("hello ", filter.Push("hello END world"));
        Assert.True(filter.Stopped);
        Assert.Equal(string.Empty, filter.Push("more"));
    }

    [Fact]
    public void Push_StopSpanningPieces_HoldsBackThePossibleStartThenCutsBeforeIt()
    {
        var filter = new StopSequenceFilter(["\n\n"]);

        Assert.Equal("line", filter.Push("line\n"));
        Assert.False(filter.Stopped);
        Assert.Equal(string.Empty, filter.Push("\nnext"));
        Assert.True(filter.Stopped);
    }

    [Fact]
    public void Push_HeldTextThatDoesNotBecomeAStop_IsReleased()
    {
        var filter = new StopSequenceFilter(["STOP"]);

        Assert.Equal("a", filter.Push("aST"));
        Assert.Equal("STa", filter.Push("a"));
        Assert.Equal(string.Empty, filter.Push("ST"));
        Assert.Equal("STx", filter.Push("x"));
        Assert.False(filter.Stopped);
    }

    [Fact]
    public void Push_SeveralStops_CutsAtTheEarliest()
    {
        var filter = new StopSequenceFilter(["world", "lo w"]);

        Assert.Equal("hel", filter.Push("hello world"));
    }

    [Fact]
    public void Flush_ReturnsHeldBackPrefixWhenTheStreamEnds()
    {
        var filter = new StopSequenceFilter(["STOP"]);

        Assert.Equal("x", filter.Push("xSTO"));
        Assert.Equal("STO", filter.Flush());
    }

    [Fact]
    public void Push_NoStops_PassesTextThrough()
    {
        var filter = new StopSequenceFilter(["", ""]);

        Assert.Equal("anything", filter.Push("anything"));
    }
}
