using Microsoft.ML.Tokenizers;

namespace Serverless.ModelBuilder.Tests.Gpt2;

/// <summary>
/// Pins down how the runtime turns the manifest's <c>{"type":"tiktoken","encoding":"gpt2"}</c> into
/// a tokenizer: "gpt2" is a model name to Microsoft.ML.Tokenizers 2.0.1, not an encoding name.
/// </summary>
public sealed class Gpt2TokenizerTests
{
    [Fact]
    public void CreateForModel_Gpt2_GivesTheGpt2VocabularyWithEndOfText()
    {
        var tokenizer = TiktokenTokenizer.CreateForModel("gpt2");

        Assert.Equal([15496, 995], tokenizer.EncodeToIds("Hello world"));
        Assert.Equal(50256, tokenizer.SpecialTokens!["<|endoftext|>"]);
    }

    [Fact]
    public void CreateForEncoding_Gpt2_IsNotAnEncodingName() =>
        Assert.Throws<ArgumentException>(() => TiktokenTokenizer.CreateForEncoding("gpt2"));
}
