using System.Reflection;
using System.Text.Json;
using Serverless.Api.Batches;
using Serverless.Api.Files;
using Serverless.Api.KeyRing;
using Serverless.Api.Relay;
using Serverless.Jobs;
using Serverless.Testing;

namespace Serverless.Infra.Tests.Template;

/// <summary>
/// The queues, tables and blob containers the API uses, from the code: the tables its stores name (each store's
/// <c>TableName</c> or <c>*Table</c> constant), the job queues and payload container of <see cref="JobQueueNames"/>,
/// the poison queue of the results trigger, the Functions host's containers, and the Durable Functions task hub of
/// host.json (hub name, partition count), the Data Protection key ring's container, the files' and batch slices' containers. The template must create each, so the API's roles can be scoped to each.
/// </summary>
internal static class ApiStorage
{
    /// <summary>The Functions host's containers with identity-based <c>AzureWebJobsStorage</c> (locks and keys).</summary>
    public static IReadOnlyList<string> HostContainers { get; } = ["azure-webjobs-hosts", "azure-webjobs-secrets"];

    /// <summary>Every table.</summary>
    public static IReadOnlyList<string> Tables { get; } =
    [
        .. new[] { typeof(WorkerOptions).Assembly, typeof(JobQueueNames).Assembly }
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string) && (f.Name == "TableName" || f.Name.EndsWith("Table", StringComparison.Ordinal)))
            .Select(f => (string)f.GetRawConstantValue()!),
        $"{Hub}Instances",
        $"{Hub}History",
        $"{Hub}Partitions",
    ];

    /// <summary>Every queue: the job queues, the results trigger's poison queue, the task hub's control and work-item queues.</summary>
    public static IReadOnlyList<string> Queues { get; } =
    [
        .. JobQueueNamesOf(container: false),
        $"{JobQueueNames.Results}-poison", // the Functions queue trigger moves a message here after maxDequeueCount
        .. Enumerable.Range(0, PartitionCount).Select(i => $"{Hub}-control-{i:00}"),
        $"{Hub}-workitems",
    ];

    /// <summary>The containers the API reads and writes besides the host's: the task hub's, the job payloads', the key ring's.</summary>
    public static IReadOnlyList<string> Containers { get; } =
    [
        new KeyRingOptions().Container,
        FileEntity.TableName,
        BatchSlices.ContainerName,
        $"{Hub}-leases",
        $"{Hub}-applease",
        $"{Hub}-largemessages",
        .. JobQueueNamesOf(container: true),
    ];

    private static string Hub => DurableTask.GetProperty("hubName").GetString()!;

    private static int PartitionCount =>
        DurableTask.TryGetProperty("storageProvider", out var provider) && provider.TryGetProperty("partitionCount", out var count) ? count.GetInt32() : 4;

    private static JsonElement DurableTask =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json"))).RootElement.GetProperty("extensions").GetProperty("durableTask");

    private static IEnumerable<string> JobQueueNamesOf(bool container) =>
        typeof(JobQueueNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name.EndsWith("Container", StringComparison.Ordinal) == container)
            .Select(f => (string)f.GetRawConstantValue()!);
}
