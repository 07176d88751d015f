using Serverless.Inference.Tokenization.HuggingFace;

namespace Serverless.Inference.Tests.Tokenization.HuggingFace;

/// <summary>Expectations from the Unicode standard's own examples (UAX #15) and the character database.</summary>
public sealed class UnicodeNormalizationTests
{
    [Theory]
    [InlineData("e\u0301", "\u00E9")] // e + acute composes
    [InlineData("\u1E0B\u0323", "\u1E0D\u0307")] // ḋ + dot below: reordered, then d + dot below composes first
    [InlineData("\u1100\u1161\u11A8", "\uAC01")] // Hangul jamo compose by rule: 각
    [InlineData("\u212B", "\u00C5")] // Angstrom sign is a singleton: Å
    [InlineData("\uFB01", "\uFB01")] // ﬁ is only a compatibility ligature
    [InlineData("\U0001D400", "\U0001D400")] // 𝐀 stays under NFC
    public void Compose_Canonical_IsNfc(string input, string expected) =>
        Assert.Equal(expected, UnicodeNormalization.Compose(input, compatibility: false));

    [Theory]
    [InlineData("\u00E9", "e\u0301")]
    [InlineData("\uAC01", "\u1100\u1161\u11A8")]
    [InlineData("a\u0301\u0316", "a\u0316\u0301")] // grave below (class 220) sorts before acute (230)
    [InlineData("\u1E69", "s\u0323\u0307")] // ṩ: s, dot below, dot above
    public void Decompose_Canonical_IsNfd(string input, string expected) =>
        Assert.Equal(expected, UnicodeNormalization.Decompose(input, compatibility: false));

    [Theory]
    [InlineData("\uFB01", "fi")]
    [InlineData("\u2460", "1")] // ①
    [InlineData("\uFF21\uFF42", "Ab")] // fullwidth
    [InlineData("\u1E9B\u0323", "\u1E69")] // ẛ̣ → ṩ (UAX #15's example)
    [InlineData("\U0001D400", "A")]
    [InlineData("\u3392", "MHz")]
    public void Compose_Compatibility_IsNfkc(string input, string expected) =>
        Assert.Equal(expected, UnicodeNormalization.Compose(input, compatibility: true));

    [Fact]
    public void Decompose_Compatibility_IsNfkd() =>
        Assert.Equal("s\u0323\u0307", UnicodeNormalization.Decompose("\u1E9B\u0323", compatibility: true));
}
