using Serverless.Inference.Tokenization.HuggingFace;

namespace Serverless.Inference.Tests.Tokenization.HuggingFace;

public sealed class RegexPatternTests
{
    private static string[] Pieces(string pattern, string text) =>
        [.. new RegexPattern(pattern).FindMatches(text).Select(m => text[m.Start..m.End])];

    [Fact]
    public void FindMatches_LetterOutsideTheBmp_IsOneLetter()
    {
        // 𝐀𝐁 are letters (Lu) and 🙂 a symbol, one character each as Oniguruma sees them.
        Assert.Equal(["x𝐀𝐁", "🙂y"], Pieces(@"[^\s\p{L}\p{N}]?\p{L}+", "x𝐀𝐁 🙂y"));
    }

    [Theory]
    [InlineData(@"a++b", "(?>a+)b")]
    [InlineData(@"[^\s\p{L}]*+x", @"(?>[^\s\p{L}]*)x")]
    [InlineData(@"(ab)?+c", "(?>(ab)?)c")]
    [InlineData(@"\p{L}{2}+", @"(?:\p{L}{2})+")]
    [InlineData(@"\h+", "[0-9a-fA-F]+")]
    [InlineData(@"\p{^L}", @"\P{L}")]
    [InlineData(@"a{,3}", "a{0,3}")]
    [InlineData(@"(?i:'s|'t)|\s+(?!\S)", @"(?i:'s|'t)|\s+(?!\S)")]
    public void ToDotNet_RewritesOnlyWhatDotNetLacks(string oniguruma, string dotNet) =>
        Assert.Equal(dotNet, OnigurumaSyntax.ToDotNet(oniguruma));

    [Fact]
    public void FindMatches_PossessiveQuantifier_DoesNotGiveBack()
    {
        // "a++a" can never match: the possessive a++ keeps every a.
        Assert.Empty(Pieces("a++a", "aaaa"));
        Assert.Equal(["aaaa"], Pieces("a+a", "aaaa"));
    }
}
