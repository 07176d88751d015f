using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Serverless.Jobs;

namespace Serverless.Api.Usage;

/// <summary>
/// Records of usage that may be reported more than once (an async job's), in Table storage, one row per job, so a
/// report is summed into the rollups only the first time; partition = owner and day. Synchronous requests have no
/// record row: they are answered once and summed straight away (<see cref="UsageRecorder.Record"/>). A row that already exists is resolved one by one: this recorder's own earlier write (its
/// answer was lost) counts as written now; the same request written by anyone else is billed once; a different
/// request that reused the id is kept under its own row.
/// </summary>
internal sealed partial class UsageRecords(TableServiceClient tables, ILogger logger)
{
    internal const string TableName = "usagerecords";
    
    private readonly TableClient table = tables.GetTableClient(TableName);
    private Task? created;

    /// <summary>Writes rows of one partition as one transaction; returns the rows this recorder wrote (whose usage is its to roll up).</summary>
    public async Task<IReadOnlyList<UsageRecordEntity>> WriteBatchAsync(IReadOnlyList<UsageRecordEntity> batch, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var pending = batch.ToList();
        var written = new List<UsageRecordEntity>();
        while (pending.Count > 0)
        {
            try
            {
                await table.SubmitTransactionAsync(pending.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), cancellationToken);
                written.AddRange(pending);
                break;
            }
            catch (TableTransactionFailedException e) when (e.Status == 409)
            {
                var suspects = e.FailedTransactionActionIndex is { } index && index < pending.Count ? [pending[index]] : pending.ToArray();
                var resolved = 0;
                foreach (var suspect in suspects)
                {
                    resolved += await ResolveConflictAsync(suspect, pending, written, cancellationToken) ? 1 : 0;
                }

                if (resolved == 0)
                {
                    throw; // a conflict we cannot find: let the flush keep the batch for the next attempt
                }
            }
        }

        return written;
    }

    /// <summary>Settles a record whose row already exists; false when there is no such row after all.</summary>
    private async Task<bool> ResolveConflictAsync(
        UsageRecordEntity record, List<UsageRecordEntity> pending, List<UsageRecordEntity> written, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<UsageRecordEntity>(record.PartitionKey, record.RowKey, cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } existing)
        {
            return false;
        }

        pending.Remove(record);
        if (existing.Writer == record.Writer && existing.WriteSeq == record.WriteSeq)
        {
            written.Add(record);
        }
        else if (existing.ContentHash == record.ContentHash)
        {
            LogAlreadyRecorded(record.RequestId);
        }
        else if (record.RowKey == UsageKeys.RecordRow(record.RequestId))
        {
            record.RowKey = UsageKeys.ReusedIdRow(record.RequestId, record.ContentHash);
            pending.Add(record);
            LogReusedRequestId(record.RequestId);
        }
        else
        {
            // The reused-id row holds different content: a hash collision, which 128 bits make a bug.
            LogUnresolvable(record.RequestId);
        }

        return true;
    }

    private Task EnsureCreatedAsync() => CreateOnce.EnsureAsync(ref created, () => table.CreateIfNotExistsAsync());

    [LoggerMessage(EventId = 5010, Level = LogLevel.Debug, Message = "Request {RequestId} was already recorded; it is billed once")]
    private partial void LogAlreadyRecorded(string requestId);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Request id {RequestId} was reused by a different request; both are recorded and billed")]
    private partial void LogReusedRequestId(string requestId);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Error, Message = "Request {RequestId} collides with a different record under the same content hash; it is not recorded")]
    private partial void LogUnresolvable(string requestId);
}
