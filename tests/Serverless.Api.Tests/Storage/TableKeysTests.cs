using Serverless.Api.Storage;

namespace Serverless.Api.Tests.Storage;

public sealed class TableKeysTests
{
    [Theory]
    [InlineData("tenant-a", "tenant-a")]
    [InlineData("user@example.com", "user@example.com")]
    [InlineData("org/model", "org!2Fmodel")]
    [InlineData("a:b~c", "a!3Ab!7Ec")]
    [InlineData("100%", "100!25")]
    [InlineData("é", "!C3!A9")]
    [InlineData("x!y", "x!21y")]
    public void Escape_KeepsSafeCharacters_AndHexesTheRest(string value, string key) => Assert.Equal(key, TableKeys.Escape(value));

    [Fact]
    public void Escape_NeverLeavesCharactersTableStorageForbidsOrMisreads()
    {
        var key = TableKeys.Escape("/\\#?%\t\u007f:~ \u0000");

        Assert.DoesNotContain(key, c => c is '/' or '\\' or '#' or '?' or '%' or ':' or '~' || char.IsControl(c));
    }

    [Fact]
    public void Escape_KeepsUnpairedSurrogatesApartFromTheReplacementCharacter()
    {
        string[] owners = ["a\uD800", "a\uDC00", "a\uFFFD", "a\uD800\uDC00", "a\uDC00\uD800", "a!UD800"];

        var keys = owners.Select(TableKeys.Escape).ToArray();

        Assert.Equal(owners.Length, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("a!UD800", keys[0]);
        Assert.NotEqual(TableKeys.Escape(new string('x', 300) + "\uD800"), TableKeys.Escape(new string('x', 300) + "\uFFFD"));
    }

    [Fact]
    public void Escape_OfLongValues_IsBoundedAndStillDistinct()
    {
        var a = TableKeys.Escape(new string('a', 5000) + "1");
        var b = TableKeys.Escape(new string('a', 5000) + "2");

        Assert.Equal(TableKeys.MaxPartLength, a.Length);
        Assert.NotEqual(a, b);
    }
}
