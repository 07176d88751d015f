namespace Serverless.Jobs;

/// <summary>
/// Creates a table (or queue, or container) once per process. A failed attempt, such as storage being down at
/// start, is not remembered: the next call tries again, so an instance recovers when storage does.
/// </summary>
public static class CreateOnce
{
    /// <summary>The creation task, started anew when there is none yet or the last one failed.</summary>
    public static Task EnsureAsync(ref Task? created, Func<Task> create)
    {
        var task = created;
        if (task is null || task.IsFaulted || task.IsCanceled)
        {
            created = task = create();
        }

        return task;
    }
}
