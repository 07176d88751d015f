using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Serverless.Functions;

/// <summary>The activity context handed to the shared activity classes when the Functions Durable extension runs them.</summary>
internal sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;

    /// <summary>The context of activity <paramref name="name"/> from its trigger's binding data.</summary>
    public static FunctionActivityContext Of(string name, FunctionContext context) =>
        new(new TaskName(name), context.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? id?.ToString() ?? string.Empty : string.Empty);
}
