using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Jobs;
using Serverless.ModelBuilder;
using Serverless.Testing;
using Serverless.Worker.Jobs;

namespace Serverless.Worker.Tests.Jobs;

/// <summary>
/// The job mode's handling of one work message, against a real Azurite and the real gpt2-tiny on the CPU: what
/// lands in the job row, on the <c>results</c> queue and on the poison queue, for each kind of delivery.
/// </summary>
public sealed class JobMessageProcessorTests : IClassFixture<AzuriteFixture>, IAsyncLifetime, IDisposable
{
    private const int MaxDequeueCount = 2;
    private readonly ServiceProvider services;
    private readonly JobMessageProcessor processor;
    private readonly JobLifecycle jobs;
    private readonly QueueServiceClient queues;
    private readonly QueueClient work;
    private readonly QueueClient results;
    private readonly QueueClient poison;

    public JobMessageProcessorTests(AzuriteFixture azurite)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageAccount.SettingName] = azurite.ConnectionString,
            ["Inference:ModelsPath"] = RepositoryPaths.Models,
            ["Inference:ExecutionProvider"] = "cpu",
            ["JobMode:MaxDequeueCount"] = MaxDequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["JobMode:CancelCheckInterval"] = "00:00:00.200",
        }).Build();
        services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddJobMode(configuration).BuildServiceProvider();
        processor = services.GetRequiredService<JobMessageProcessor>();
        jobs = services.GetRequiredService<JobLifecycle>();
        queues = services.GetRequiredService<QueueServiceClient>();
        (work, results, poison) = (queues.GetQueueClient(JobQueueNames.Jobs), queues.GetQueueClient(JobQueueNames.Results), queues.GetQueueClient(JobQueueNames.JobsPoison));
    }

    public async Task InitializeAsync()
    {
        await DefaultModels.EnsureAsync(RepositoryPaths.Models, NullLogger.Instance);
        await processor.EnsureCreatedAsync(CancellationToken.None);
        foreach (var queue in new[] { work, results, poison, queues.GetQueueClient(JobQueueNames.JobsHigh), queues.GetQueueClient(JobQueueNames.JobsLow) })
        {
            await queue.ClearMessagesAsync();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => services.Dispose();

    [Fact]
    public async Task AQueuedJob_IsRun_ItsResultStoredAndAnnounced_AndItsMessageDeleted()
    {
        var job = await AddJobAsync(maxTokens: 8);

        await processor.ProcessAsync(await DeliverAsync(job), CancellationToken.None);

        var row = await ReadAsync(job);
        var announced = Assert.Single(await ResultsAsync());
        Assert.Equal(JobPhase.ResultStored, JobLifecycle.PhaseOf(row));
        Assert.Equal((1, JobStatus.Running), (row.Deliveries, row.Status));
        using var result = JsonDocument.Parse(row.Result!);
        Assert.Equal("text_completion", result.RootElement.GetProperty("object").GetString());
        Assert.True(announced.Succeeded);
        Assert.Equal((row.PromptTokens, row.CompletionTokens), (announced.PromptTokens, announced.CompletionTokens));
        Assert.InRange(announced.CompletionTokens, 1, 8);
        Assert.Null((await work.ReceiveMessageAsync()).Value); // deleted
    }

    [Theory]
    [InlineData(PriorityClass.High)]
    [InlineData(PriorityClass.Low)]
    public async Task AJobOfAnotherClass_IsRun_AndItsMessageDeletedFromTheQueueItCameFrom(PriorityClass priority)
    {
        var job = await AddJobAsync(maxTokens: 4);
        var queue = queues.GetQueueClient(JobQueueNames.WorkQueueOf(priority));

        await processor.ProcessAsync(await DeliverAsync(job, priority), CancellationToken.None);

        Assert.True(Assert.Single(await ResultsAsync()).Succeeded);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount); // deleted, hidden or not
    }

    [Fact]
    public async Task ADuplicateDelivery_OfAJobWhoseResultIsStored_AnnouncesThatResultWithoutRunningAgain()
    {
        var job = await AddJobAsync(maxTokens: 8);
        await processor.ProcessAsync(await DeliverAsync(job), CancellationToken.None);
        var first = await ReadAsync(job);

        await processor.ProcessAsync(await DeliverAsync(job), CancellationToken.None); // the queue's at-least-once delivery

        var again = await ReadAsync(job);
        var announced = await ResultsAsync();
        Assert.Equal(2, announced.Count);
        Assert.Equal(1, again.Deliveries); // not run a second time
        Assert.Equal(first.Result, again.Result);
        Assert.All(announced, a => Assert.Equal((true, first.CompletionTokens), (a.Succeeded, a.CompletionTokens)));
    }

    [Fact]
    public async Task AJobCancelledBeforeItStarted_IsReportedCancelled_NotRun()
    {
        var job = await AddJobAsync(maxTokens: 8);
        await jobs.RequestCancelAsync(await ReadAsync(job), CancellationToken.None);

        await processor.ProcessAsync(await DeliverAsync(job), CancellationToken.None);

        var announced = Assert.Single(await ResultsAsync());
        var row = await ReadAsync(job);
        Assert.Equal((false, JobResultMessage.CancelledCode, 0), (announced.Succeeded, announced.ErrorCode, announced.CompletionTokens));
        Assert.Equal((JobStatus.Queued, 0, (string?)null), (row.Status, row.Deliveries, row.Result));
    }

    [Fact]
    public async Task AJobPastItsDeadline_StopsAtItsFirstDecodeStep_AndReportsWhatItUsedAsExpired()
    {
        var job = await AddJobAsync(maxTokens: 200, expiresIn: TimeSpan.FromSeconds(-1));

        await processor.ProcessAsync(await DeliverAsync(job), CancellationToken.None);

        var announced = Assert.Single(await ResultsAsync());
        Assert.False(announced.Succeeded);
        Assert.Equal(JobResultMessage.ExpiredCode, announced.ErrorCode);
        Assert.True(announced.PromptTokens > 0); // the prompt was run: it is billed
        Assert.InRange(announced.CompletionTokens, 0, 199);
        Assert.Null((await ReadAsync(job)).Result); // nothing stored: the orchestration ends it expired
    }

    [Fact]
    public async Task AJobSettledByTheOrchestration_IsSkipped_Silently()
    {
        var job = await AddJobAsync(maxTokens: 8);
        var settlement = await jobs.SettleAsync(await ReadAsync(job), new JobOutcome(JobStatus.Expired, 0, 0, 0, JobResultMessage.ExpiredCode, "late"), CancellationToken.None);
        await jobs.ShowEndedAsync(settlement.Row, CancellationToken.None);

        await processor.ProcessAsync(await DeliverAsync(job), CancellationToken.None);

        Assert.Empty(await ResultsAsync());
        Assert.Equal((JobStatus.Expired, 0), ((await ReadAsync(job)).Status, (await ReadAsync(job)).Deliveries));
        Assert.Null((await work.ReceiveMessageAsync()).Value);
    }

    [Fact]
    public async Task AMessageDeliveredTooOften_GoesToThePoisonQueue_AndFailsItsJob()
    {
        var job = await AddJobAsync(maxTokens: 8);
        await work.SendMessageAsync(Serialize(job));
        QueueMessage message;
        while (true)
        {
            // Each receive that is not deleted is a delivery a worker did not finish; the message is shown again at once.
            message = (await work.ReceiveMessageAsync(TimeSpan.FromSeconds(30))).Value ?? throw new InvalidOperationException("no message");
            if (message.DequeueCount > MaxDequeueCount)
            {
                break;
            }

            await work.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
        }

        await processor.ProcessAsync(new WorkDelivery(PriorityClass.Normal, work, message), CancellationToken.None);

        var announced = Assert.Single(await ResultsAsync());
        Assert.Equal((false, "job_poisoned"), (announced.Succeeded, announced.ErrorCode));
        Assert.NotNull((await poison.ReceiveMessageAsync()).Value);
        Assert.Null((await work.ReceiveMessageAsync()).Value);
    }

    [Fact]
    public async Task AMessageThatIsNotAJob_GoesToThePoisonQueue()
    {
        await work.SendMessageAsync("{\"not\":\"a job\"}");
        var message = (await work.ReceiveMessageAsync()).Value;

        await processor.ProcessAsync(new WorkDelivery(PriorityClass.Normal, work, message), CancellationToken.None);

        Assert.Equal("{\"not\":\"a job\"}", (await poison.ReceiveMessageAsync()).Value.Body.ToString());
        Assert.Empty(await ResultsAsync());
    }

    private async Task<JobEntity> AddJobAsync(int maxTokens, TimeSpan? expiresIn = null)
    {
        var owner = "owner-" + Guid.NewGuid().ToString("N");
        var row = new JobEntity
        {
            PartitionKey = owner,
            RowKey = "job_" + Guid.NewGuid().ToString("N"),
            Owner = owner,
            KeyId = "key_test",
            Kind = "v1/completions",
            Model = "gpt2-tiny",
            CreatedAt = DateTimeOffset.UtcNow,
            ExpiresAt = DateTimeOffset.UtcNow + (expiresIn ?? TimeSpan.FromMinutes(5)),
            Request = $"{{\"model\":\"gpt2-tiny\",\"prompt\":\"The weather today is\",\"max_tokens\":{maxTokens},\"seed\":7}}",
        };
        await jobs.AddAsync(row, CancellationToken.None);
        return row;
    }

    private async Task<WorkDelivery> DeliverAsync(JobEntity job, PriorityClass priority = PriorityClass.Normal)
    {
        var queue = queues.GetQueueClient(JobQueueNames.WorkQueueOf(priority));
        await queue.SendMessageAsync(Serialize(job));
        var message = (await queue.ReceiveMessageAsync(TimeSpan.FromSeconds(30))).Value ?? throw new InvalidOperationException("no message");
        return new WorkDelivery(priority, queue, message);
    }

    private static string Serialize(JobEntity job) =>
        JsonSerializer.Serialize(new JobWorkMessage(job.RowKey, job.PartitionKey), JobsContractJsonContext.Default.JobWorkMessage);

    private async Task<JobEntity> ReadAsync(JobEntity job) =>
        await jobs.GetAsync(job.PartitionKey, job.RowKey, CancellationToken.None) ?? throw new InvalidOperationException("no row");

    private async Task<List<JobResultMessage>> ResultsAsync()
    {
        var messages = (await results.ReceiveMessagesAsync(32)).Value;
        return messages.Select(m => JsonSerializer.Deserialize(m.Body.ToString(), JobsContractJsonContext.Default.JobResultMessage)!).ToList();
    }
}
