using Azure.Storage.Queues;
using Serverless.Jobs;
using Serverless.Testing;
using Serverless.Worker.Jobs;

namespace Serverless.Worker.Tests.Jobs;

/// <summary>
/// The job mode takes work in strict class order, against a real Azurite: high before normal before low, whatever
/// order the messages were sent in, and a lower class only for the slots the higher ones leave free.
/// </summary>
public sealed class WorkQueuesTests : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Hidden = TimeSpan.FromMinutes(1);
    private readonly QueueServiceClient service;
    private readonly WorkQueues queues;

    public WorkQueuesTests(AzuriteFixture azurite)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        service = new QueueServiceClient(azurite.ConnectionString);
        queues = new WorkQueues(service);
    }

    public async Task InitializeAsync()
    {
        foreach (var (_, queue) in queues.ByClass)
        {
            await queue.CreateIfNotExistsAsync();
            await queue.ClearMessagesAsync();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AHighClassJob_IsTakenBeforeLowAndNormalJobsQueuedEarlier()
    {
        await SendAsync(PriorityClass.Low, "low-1");
        await SendAsync(PriorityClass.Low, "low-2");
        await SendAsync(PriorityClass.Normal, "normal-1");
        await SendAsync(PriorityClass.High, "high-1");

        var taken = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var delivery = Assert.Single(await queues.ReceiveAsync(1, Hidden, CancellationToken.None));
            taken.Add(delivery.Message.Body.ToString());
            await delivery.Queue.DeleteMessageAsync(delivery.Message.MessageId, delivery.Message.PopReceipt);
        }

        Assert.Equal(["high-1", "normal-1", "low-1", "low-2"], taken);
        Assert.Empty(await queues.ReceiveAsync(1, Hidden, CancellationToken.None));
    }

    [Fact]
    public async Task FreeSlots_AreFilledFromTheHighestClassesThatHaveWork_EachDeliveryNamingItsQueue()
    {
        await SendAsync(PriorityClass.Low, "low-1");
        await SendAsync(PriorityClass.Low, "low-2");
        await SendAsync(PriorityClass.Low, "low-3");
        await SendAsync(PriorityClass.High, "high-1");

        var taken = await queues.ReceiveAsync(3, Hidden, CancellationToken.None);

        Assert.Equal([PriorityClass.High, PriorityClass.Low, PriorityClass.Low], taken.Select(d => d.Class));
        Assert.Equal([JobQueueNames.JobsHigh, JobQueueNames.JobsLow, JobQueueNames.JobsLow], taken.Select(d => d.Queue.Name));
        Assert.Equal("high-1", taken[0].Message.Body.ToString());
    }

    private Task SendAsync(PriorityClass priority, string body) =>
        service.GetQueueClient(JobQueueNames.WorkQueueOf(priority)).SendMessageAsync(body);
}
