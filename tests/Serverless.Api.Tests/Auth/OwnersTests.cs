using Serverless.Api.Auth;

namespace Serverless.Api.Tests.Auth;

public sealed class OwnersTests
{
    [Theory]
    [InlineData("tenant-a", true)]
    [InlineData("user@example.com", true)]
    [InlineData("admin", false)]
    [InlineData("Admin", false)]
    [InlineData("SYSTEM", false)]
    [InlineData("root", false)]
    [InlineData("jwt:team-a", false)]
    [InlineData("", false)]
    [InlineData("a b", false)]
    public void KeyOwners_ArePlainNamesOutsideTheReservedList(string owner, bool valid) =>
        Assert.Equal(valid, Owners.IsValidKeyOwner(owner));

    [Fact]
    public void KeyOwners_AreBounded()
    {
        Assert.True(Owners.IsValidKeyOwner(new string('a', Owners.MaxLength)));
        Assert.False(Owners.IsValidKeyOwner(new string('a', Owners.MaxLength + 1)));
    }

    [Theory]
    [InlineData("team-a", "jwt:team-a")]
    [InlineData("Zoë Müller", "jwt:Zoë Müller")]
    [InlineData("👩‍💻", "jwt:👩‍💻")]
    [InlineData("tab\there", null)]
    [InlineData("   ", null)]
    [InlineData("", null)]
    public void TokenOwners_ArePrintableAndPrefixed(string claim, string? owner) =>
        Assert.Equal(owner, Owners.FromToken(claim));

    [Theory]
    [InlineData("tenant-a", true)]
    [InlineData("jwt:team-a", true)]
    [InlineData("bad\u0000owner", false)]
    public void NamedOwners_ArePrintable(string owner, bool valid) =>
        Assert.Equal(valid, Owners.CheckNamed(owner) is null);

    [Fact]
    public void UnpairedSurrogates_AreNotPrintableText()
    {
        // Built in code: attribute arguments are stored as UTF-8, which cannot carry an unpaired surrogate.
        var high = new string([(char)0xD800, 'a']);
        var low = new string([(char)0xDC00]);

        Assert.Null(Owners.FromToken(high));
        Assert.NotNull(Owners.CheckNamed(low));
        Assert.NotNull(Owners.FromToken(new string([(char)0xD83D, (char)0xDE00])));
    }
}
