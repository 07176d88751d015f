using System.Globalization;
using Serverless.Api.Prices;

namespace Serverless.Api.Tests.Prices;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("1.500", "1.5")]
    [InlineData("0.0000001000", "0.0000001")]
    [InlineData("12.60", "12.6")]
    [InlineData("100", "100")]
    [InlineData("0.000", "0")]
    public void Format_DropsTrailingZeros_AndNeverUsesExponents(string amount, string stored) =>
        Assert.Equal(stored, Money.Format(decimal.Parse(amount, CultureInfo.InvariantCulture)));

    [Fact]
    public void ParseOfFormat_RoundTripsExactly()
    {
        var amount = 123456789.0123456789012m;

        Assert.Equal(amount, Money.Parse(Money.Format(amount)));
    }

    [Fact]
    public void Parse_OfNothing_IsZero() => Assert.Equal(0m, Money.Parse(null));
}
