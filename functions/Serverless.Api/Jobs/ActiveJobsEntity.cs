using Azure;
using Azure.Data.Tables;

namespace Serverless.Api.Jobs;

/// <summary>A key's active jobs (<see cref="ActiveJobs"/>): partition = the key id, row = <c>jobs</c>.</summary>
internal sealed class ActiveJobsEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>JSON map of job id to the Unix second after which it no longer counts.</summary>
    public string Active { get; set; } = "{}";
}
