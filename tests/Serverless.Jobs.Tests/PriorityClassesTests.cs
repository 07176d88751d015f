namespace Serverless.Jobs.Tests;

/// <summary>How a class is written between the gateway and the worker, and which work queue it names.</summary>
public sealed class PriorityClassesTests
{
    [Theory]
    [InlineData(PriorityClass.High, "high", JobQueueNames.JobsHigh)]
    [InlineData(PriorityClass.Normal, "normal", JobQueueNames.Jobs)]
    [InlineData(PriorityClass.Low, "low", JobQueueNames.JobsLow)]
    public void EachClass_HasItsWireName_AndItsOwnWorkQueue(PriorityClass priority, string name, string queue)
    {
        Assert.Equal(name, PriorityClasses.NameOf(priority));
        Assert.Equal(priority, PriorityClasses.Parse(name));
        Assert.Equal(queue, JobQueueNames.WorkQueueOf(priority));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("urgent")]
    public void AMissingOrUnknownClass_IsNormal(string? name) =>
        Assert.Equal(PriorityClass.Normal, PriorityClasses.Parse(name));

    [Fact]
    public void WorkQueues_AreListedHighestClassFirst_OneEach()
    {
        Assert.Equal([PriorityClass.High, PriorityClass.Normal, PriorityClass.Low], JobQueueNames.WorkByClass.Select(c => c.Class));
        Assert.Equal([JobQueueNames.JobsHigh, JobQueueNames.Jobs, JobQueueNames.JobsLow], JobQueueNames.WorkByClass.Select(c => c.Queue));
    }
}
