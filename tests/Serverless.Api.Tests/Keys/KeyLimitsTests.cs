using Serverless.Api.Keys;

namespace Serverless.Api.Tests.Keys;

public sealed class KeyLimitsTests
{
    public static TheoryData<KeyLimits, string?> Cases => new()
    {
        { new KeyLimits(Rpm: 60, Tpm: 10_000, Rpd: 1000, Tpd: 1_000_000, MaxConcurrency: 4, Budget: 10m), null },
        { new KeyLimits(), null },
        { new KeyLimits(Rpm: 0), "rpm" },
        { new KeyLimits(Tpm: -1), "tpm" },
        { new KeyLimits(Rpd: KeyLimits.MaxCount + 1), "rpd" },
        { new KeyLimits(Tpd: 0), "tpd" },
        { new KeyLimits(MaxConcurrency: 0), "max_concurrency" },
        { new KeyLimits(Budget: -3m), "budget" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void FirstInvalidField_NamesZeroNegativeOrAbsurdLimits(KeyLimits limits, string? field) =>
        Assert.Equal(field, limits.FirstInvalidField());
}
