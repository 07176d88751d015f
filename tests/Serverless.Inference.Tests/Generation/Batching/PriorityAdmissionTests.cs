using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Inference.Tests.Fixtures;

namespace Serverless.Inference.Tests.Generation.Batching;

/// <summary>
/// A full batch admits waiting requests by priority: higher first, in arrival order within a priority. The scheduler
/// thread is held at a blocker's first token (its token observer runs there) while the others line up, so the order
/// they arrive in is exact and none can join early.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class PriorityAdmissionTests(ModelsFixture models) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);
    private readonly TempFolder root = new();

    [Fact]
    public async Task WhenTheBatchIsFull_AHighPriorityRequestJoinsBeforeEarlierLowerOnes_AndEqualsJoinInArrivalOrder()
    {
        using var catalog = LoadWithBatchSize(1);
        Assert.True(catalog.TryGetGeneration(ModelsFixture.Gpt2Tiny, out var model));
        using var release = new ManualResetEventSlim();
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var joined = new ConcurrentQueue<string>();

        var blocker = Task.Run(() => Completion.RunAsync(model, Completion.Greedy(model, "The batch is full", 4), _ =>
        {
            holding.TrySetResult();
            release.Wait(Patience);
        }));
        await holding.Task.WaitAsync(Patience);

        (string Name, int Priority)[] arrivals = [("low-1", 0), ("normal", 1), ("low-2", 0), ("high", 2)];
        var waiting = new List<Task>();
        foreach (var (name, priority) in arrivals)
        {
            var request = Completion.Greedy(model, $"Request {name} asks", 3) with { Priority = priority };
            var first = 0;
            waiting.Add(Task.Run(() => Completion.RunAsync(model, request, _ =>
            {
                if (Interlocked.Exchange(ref first, 1) == 0)
                {
                    joined.Enqueue(name);
                }
            })));
            await WaitUntilAsync(() => model.Statistics.WaitingRequests == waiting.Count);
        }

        release.Set();
        await Task.WhenAll([blocker, .. waiting]).WaitAsync(Patience);

        Assert.Equal(["high", "normal", "low-1", "low-2"], joined);
    }

    [Fact]
    public async Task WithRoomInTheBatch_PriorityChangesNothing_EveryRequestDecodesAtOnce()
    {
        using var catalog = LoadWithBatchSize(4);
        Assert.True(catalog.TryGetGeneration(ModelsFixture.Gpt2Tiny, out var model));
        var order = new ConcurrentQueue<int>();

        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Task.Run(() =>
            Completion.RunAsync(model, Completion.Greedy(model, $"Member {i} says", 20) with { Priority = i }, _ => order.Enqueue(i)))));

        var events = order.ToArray();
        var firstOfEach = Enumerable.Range(0, 3).Select(i => Array.IndexOf(events, i)).ToArray();
        var lastOfEach = Enumerable.Range(0, 3).Select(i => Array.LastIndexOf(events, i)).ToArray();
        Assert.True(firstOfEach.Max() < lastOfEach.Min(), $"every request started before any finished: {string.Join(",", events)}");
    }

    public void Dispose() => root.Dispose();

    private ModelCatalog LoadWithBatchSize(int maxBatchSize)
    {
        var catalogPath = root.Sub($"batch-{maxBatchSize}");
        var target = Directory.CreateDirectory(Path.Combine(catalogPath, ModelsFixture.Gpt2Tiny)).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(models.ModelsPath, ModelsFixture.Gpt2Tiny)))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return ModelCatalog.Load(new InferenceOptions { ModelsPath = catalogPath, ExecutionProvider = "cpu", MaxBatchSize = maxBatchSize }, NullLoggerFactory.Instance);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the request never started waiting");
            await Task.Delay(5);
        }
    }
}
