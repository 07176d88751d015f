using Serverless.Api.Prices;

namespace Serverless.Api.Tests.Prices;

public sealed class ModelPriceTests
{
    [Theory]
    [InlineData(1000, 500, "0.5", "1.5", "1.25")]
    [InlineData(25_000, 38_000, "0.2", "0.2", "12.6")] // the seed's first row: 63,000 tokens at 0.2 per 1K
    [InlineData(1, 0, "0.0001", "0", "0.0000001")]
    [InlineData(0, 0, "3", "7", "0")]
    [InlineData(7, 3, "0.03", "0.06", "0.00039")]
    public void CostOf_IsExactDecimalArithmetic(int prompt, int completion, string input, string output, string expected)
    {
        var price = new ModelPrice("m", decimal.Parse(input, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(output, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), price.CostOf(prompt, completion));
    }

    [Fact]
    public void CostOf_TheLargestRequest_DoesNotOverflow() =>
        Assert.Equal(2_147_483.647m * 2000m, new ModelPrice("m", 1000m, 1000m).CostOf(int.MaxValue, int.MaxValue));

    [Fact]
    public void CostOf_IsPrintedWithoutTrailingZeros() =>
        Assert.Equal("1.5", new ModelPrice("m", 1.50m, 0m).CostOf(1000, 0).ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Free_CostsNothing() => Assert.Equal(0m, ModelPrice.Free("unpriced").CostOf(1_000_000, 1_000_000));

    [Fact]
    public void CostOf_NegativeTokens_IsABug() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelPrice("m", 1m, 1m).CostOf(-1, 0));
}
