using Azure.Core;
using Azure.Core.Pipeline;
using Serverless.Api.Telemetry;

namespace Serverless.Api.Storage;

/// <summary>
/// Counts every HTTP request the table clients send, retries included (it sits in the per-retry stage), by the
/// table the URL names: <c>keys</c> for <c>/keys(PartitionKey='…',RowKey='…')</c>, <c>Tables</c> for table
/// operations, <c>$batch</c> for transactions (whose table is in the body).
/// </summary>
internal sealed class StorageCallCounter(ApiMetrics metrics) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) => metrics.StorageCalled(TableOf(message.Request.Uri.Path));

    /// <summary>The table a request path names: its last segment, without the key or query parentheses.</summary>
    internal static string TableOf(string path)
    {
        var segment = path.AsSpan().TrimEnd('/');
        segment = segment[(segment.LastIndexOf('/') + 1)..];
        var parenthesis = segment.IndexOf('(');
        return (parenthesis >= 0 ? segment[..parenthesis] : segment).ToString();
    }
}
