using Microsoft.DurableTask;

namespace Serverless.Functions;

/// <summary>The activity context handed to the shared activity classes when the Functions Durable extension runs them.</summary>
internal sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
