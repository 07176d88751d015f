using Serverless.Inference.Tokenization;

namespace Serverless.Inference.Tests.Tokenization;

public sealed class AccentFoldingTests
{
    [Theory]
    [InlineData("naïve café", "naive cafe")]
    [InlineData("Ångström ĳ Ωmega", "Angstrom ĳ Ωmega")]
    [InlineData("e\u0301", "e")]
    [InlineData("Ελληνικά", "Ελληνικα")]
    [InlineData("plain ascii", "plain ascii")]
    public void Fold_DropsMarksLikeNfdThenStripping(string text, string expected)
    {
        Assert.Equal(expected, AccentFolding.Fold(text));
    }

    [Fact]
    public void Fold_HangulSyllable_DecomposesIntoJamo()
    {
        Assert.Equal("\u1112\u1161\u11AB", AccentFolding.Fold("한"));
    }
}
