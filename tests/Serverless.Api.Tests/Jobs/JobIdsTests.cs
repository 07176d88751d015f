using Serverless.Api.Jobs;

namespace Serverless.Api.Tests.Jobs;

/// <summary>Job ids sort newest first, so a partition read is the list's order.</summary>
public sealed class JobIdsTests
{
    [Fact]
    public void New_LaterJobs_SortFirst()
    {
        var earlier = JobIds.New(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var later = JobIds.New(new DateTimeOffset(2026, 1, 1, 0, 0, 1, TimeSpan.Zero));

        Assert.True(string.CompareOrdinal(later, earlier) < 0);
        Assert.True(JobIds.IsWellFormed(later));
    }

    [Theory]
    [InlineData("job_1")]
    [InlineData("key_0123456789012345678901234567890123")]
    [InlineData("job_25160663031954398250000000000000000ZZ")]
    public void IsWellFormed_RejectsOtherShapes(string id) => Assert.False(JobIds.IsWellFormed(id));
}
