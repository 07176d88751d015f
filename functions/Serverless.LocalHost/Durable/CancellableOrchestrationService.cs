using DurableTask.Core;

namespace Serverless.LocalHost.Durable;

/// <summary>
/// Wraps the Azure Storage orchestration service for the gRPC sidecar's dispatchers. Two things differ from the
/// inner service: a <c>LockNext*</c> whose token is cancelled throws (the inner one returns null, and the
/// dispatcher then spins a core at shutdown); start creates the task hub first, keeps trying while storage is not
/// up and gives up quietly once the host is stopping; and stop runs once, however many callers ask, and not at all
/// before a start succeeded.
/// </summary>
internal sealed class CancellableOrchestrationService(IOrchestrationService inner, TimeProvider time, CancellationToken stopping) : IOrchestrationService
{
    private readonly Lock gate = new();
    private Task? stopped;
    private bool started;

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    public async Task StartAsync()
    {
        for (var delay = TimeSpan.FromMilliseconds(250); ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks)))
        {
            try
            {
                await inner.CreateIfNotExistsAsync();
                await inner.StartAsync();
                lock (gate)
                {
                    started = true;
                }

                return;
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                // The host stopped while this started (a test host disposed at once, whose logger factory is gone):
                // nothing to start. The sidecar calls this fire-and-forget, so a throw here would end the process.
                return;
            }
            catch (Exception)
            {
                // Storage not reachable yet (Azurite still starting): try again.
            }

            try
            {
                await Task.Delay(delay, time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public Task StopAsync() => StopAsync(false);

    public Task StopAsync(bool isForced)
    {
        lock (gate)
        {
            // The inner service cannot stop what never started (it throws).
            return stopped ??= started ? inner.StopAsync(isForced) : Task.CompletedTask;
        }
    }

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var item = await inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        return item;
    }

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState) =>
        inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var item = await inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        return item;
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) =>
        inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);

    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) => inner.AbandonTaskActivityWorkItemAsync(workItem);
}
