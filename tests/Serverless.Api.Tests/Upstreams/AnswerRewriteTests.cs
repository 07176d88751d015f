using System.Text;
using Serverless.Api.Relay;

namespace Serverless.Api.Tests.Upstreams;

public sealed class AnswerRewriteTests
{
    [Fact]
    public void Whole_NamesThePublicModel()
    {
        var body = Encoding.UTF8.GetBytes("""{"id":"x","model":"gpt-4o-mini-2024","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4}}""");

        var rewritten = Encoding.UTF8.GetString(new AnswerRewrite("my-llama", keepUsageChunk: false).Whole(body));

        Assert.Contains("\"model\":\"my-llama\"", rewritten, StringComparison.Ordinal);
        Assert.Contains("\"completion_tokens\":4", rewritten, StringComparison.Ordinal);
    }

    [Fact]
    public void Event_RenamesTheModelInEachChunk_AndLeavesDoneAlone()
    {
        var rewrite = new AnswerRewrite("my-llama", keepUsageChunk: false);

        var (chunk, usage) = rewrite.Event(Encoding.UTF8.GetBytes("data: {\"model\":\"upstream\",\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n"));
        var (done, _) = rewrite.Event(Encoding.UTF8.GetBytes("data: [DONE]\n\n"));

        Assert.Equal("data: {\"model\":\"my-llama\",\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n", Encoding.UTF8.GetString(chunk.Span));
        Assert.Null(usage);
        Assert.Equal("data: [DONE]\n\n", Encoding.UTF8.GetString(done.Span));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Event_ReadsTheUsageChunk_AndHoldsItBackUnlessTheClientAskedForIt(bool asked, bool heldBack)
    {
        var (bytes, usage) = new AnswerRewrite("m", asked).Event(Encoding.UTF8.GetBytes(
            "data: {\"model\":\"u\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":7}}\n\n"));

        Assert.Equal((5, 7), usage);
        Assert.Equal(heldBack, bytes.IsEmpty);
    }
}
