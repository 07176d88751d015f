using Serverless.Api.Prices;

namespace Serverless.Api.Tests.Prices;

public sealed class PriceRequestValidatorTests
{
    public static TheoryData<decimal?, decimal?, string?> Cases => new()
    {
        { 0.5m, 1.5m, null },
        { 0m, 0m, null },
        { PriceRequestValidator.MaxPer1K, 0.0000000001m, null },
        { null, 1m, "input_per_1k" },
        { 1m, null, "output_per_1k" },
        { -0.01m, 1m, "input_per_1k" },
        { 1m, -1m, "output_per_1k" },
        { 1000.01m, 1m, "input_per_1k" },
        { 1m, 1_000_000m, "output_per_1k" },
        { 0.00000000001m, 1m, "input_per_1k" },
        { 1.50000000000000m, 1m, null }, // trailing zeros are not precision
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForPut_NamesTheFirstBadField(decimal? input, decimal? output, string? param)
    {
        var (price, error) = PriceRequestValidator.ForPut("gpt2-tiny", new PriceRequest { InputPer1K = input, OutputPer1K = output });

        Assert.Equal(param, error?.Error.Param);
        if (param is null)
        {
            Assert.Equal(new ModelPrice("gpt2-tiny", input!.Value, output!.Value), price);
        }
        else
        {
            Assert.Equal(400, error!.StatusCode);
        }
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(0.1, null)]
    [InlineData(-0.1, "cached_per_1k")]
    [InlineData(1000.5, "cached_per_1k")]
    public void ForPut_TakesAnOptionalCachedPrice(double? cached, string? param)
    {
        var (price, error) = PriceRequestValidator.ForPut("gpt2-tiny", new PriceRequest { InputPer1K = 1m, OutputPer1K = 2m, CachedPer1K = (decimal?)cached });

        Assert.Equal(param, error?.Error.Param);
        Assert.Equal(param is null ? (decimal?)cached : null, price?.CachedPer1K);
    }

    [Fact]
    public void CachedCostOf_IsEveryTokenAtTheCachedPrice_OrTheFullPriceWithoutOne()
    {
        Assert.Equal(0.0003m, new ModelPrice("m", 1m, 2m, 0.01m).CachedCostOf(10, 20));
        Assert.Equal(new ModelPrice("m", 1m, 2m).CostOf(10, 20), new ModelPrice("m", 1m, 2m).CachedCostOf(10, 20));
        Assert.Equal(0m, new ModelPrice("m", 1m, 2m, 0m).CachedCostOf(10, 20));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bad\u0001model")]
    public void CheckModel_RefusesEmptyOrControlCharacters(string model) =>
        Assert.Equal("model", PriceRequestValidator.CheckModel(model)?.Error.Param);

    [Fact]
    public void CheckModel_AcceptsOrganizationQualifiedIds() => Assert.Null(PriceRequestValidator.CheckModel("org/model-7b:q4"));
}
