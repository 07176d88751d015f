using Serverless.Api.Keys;
using Serverless.Api.Quotas;
using Serverless.Jobs;

namespace Serverless.Api.Tests.Quotas;

public sealed class QuotaGateTests
{
    [Fact]
    public void Merge_KeyLimitsOverrideTheTierFieldByField()
    {
        var tier = new KeyLimits(Rpm: 60, Tpm: 1000, Rpd: 500, MaxConcurrency: 4);

        var merged = QuotaGate.Merge(new KeyLimits(Rpm: 5, Budget: 2m), tier);

        Assert.Equal(new KeyLimits(Rpm: 5, Tpm: 1000, Rpd: 500, Tpd: null, MaxConcurrency: 4, Budget: 2m), merged);
        Assert.Same(tier, QuotaGate.Merge(null, tier));
    }

    [Fact]
    public void Merge_ServiceSettingsOverrideTheTierToo()
    {
        var tier = new KeyLimits(Rpm: 60, Priority: PriorityClass.Low, ResponseCache: true);

        Assert.Equal(new KeyLimits(Rpm: 60, Priority: PriorityClass.High, ResponseCache: true), QuotaGate.Merge(new KeyLimits(Priority: PriorityClass.High), tier));
        Assert.Equal(new KeyLimits(Rpm: 60, Priority: PriorityClass.Low, ResponseCache: false), QuotaGate.Merge(new KeyLimits(ResponseCache: false), tier));
    }

    [Theory]
    [InlineData("hello", 100, 5)]
    [InlineData("héllo", 100, 6)]
    [InlineData("你好", 100, 6)]
    [InlineData("a long text", 4, 4)]
    public void TokenEstimate_IsTheUtf8ByteCountCappedAtTheContext(string text, int context, long expected) =>
        Assert.Equal(expected, TokenEstimate.ForText(text, context));
}
