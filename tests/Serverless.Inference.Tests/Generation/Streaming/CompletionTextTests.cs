using Microsoft.ML.Tokenizers;
using Serverless.Inference.Generation.Streaming;

namespace Serverless.Inference.Tests.Generation.Streaming;

public sealed class CompletionTextTests
{
    private static readonly Tokenizer Gpt2 = TiktokenTokenizer.CreateForModel("gpt2");

    [Fact]
    public void Push_StopSequenceAcrossTokens_EmitsEverythingBeforeItOnly()
    {
        var text = new CompletionText(ids => Gpt2.Decode(ids), ["Paris"]);

        var emitted = string.Concat(Gpt2.EncodeToIds("The capital is Paris, of course.").TakeWhile(_ => !text.Stopped).Select(text.Push));

        Assert.True(text.Stopped);
        Assert.Equal("The capital is ", emitted);
    }

    [Fact]
    public void Finish_StopSequenceCompletedByTheLastToken_StillCutsBeforeIt()
    {
        var text = new CompletionText(ids => Gpt2.Decode(ids), ["日本"]);
        var tokens = Gpt2.EncodeToIds("ok 日本");

        var emitted = string.Concat(tokens.Select(text.Push)) + (text.Stopped ? string.Empty : text.Finish());

        Assert.True(text.Stopped);
        Assert.Equal("ok ", emitted);
    }

    [Fact]
    public void Finish_ReleasesHeldTextThatNeverBecameAStop()
    {
        var text = new CompletionText(ids => Gpt2.Decode(ids), ["Paris is"]);

        var emitted = string.Concat(Gpt2.EncodeToIds("I love Paris").Select(text.Push));

        Assert.Equal("I love ", emitted);
        Assert.Equal("Paris", text.Finish());
        Assert.False(text.Stopped);
    }
}
