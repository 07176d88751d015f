using System.Globalization;
using Azure.Data.Tables;
using Serverless.Jobs;

namespace Serverless.Api.Webhooks;

/// <summary>Every webhook call, kept per job so its owner can see what the receiver answered.</summary>
public sealed class WebhookDeliveryStore(TableServiceClient tables)
{
    internal const string TableName = "webhookdeliveries";
    private readonly TableClient table = tables.GetTableClient(TableName);
    private Task? created;

    /// <summary>Records one call; recording the same attempt again (a retried activity) overwrites it.</summary>
    public async Task RecordAsync(string jobId, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        await table.UpsertEntityAsync(
            new WebhookDeliveryEntity
            {
                PartitionKey = jobId,
                RowKey = delivery.Attempt.ToString("D5", CultureInfo.InvariantCulture),
                Attempt = delivery.Attempt,
                At = DateTimeOffset.FromUnixTimeSeconds(delivery.At),
                StatusCode = delivery.StatusCode,
                Error = delivery.Error,
                DurationMs = delivery.DurationMs,
            },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    /// <summary>The calls of a job, first first.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> ListAsync(string jobId, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var deliveries = new List<WebhookDelivery>();
        await foreach (var row in table.QueryAsync<WebhookDeliveryEntity>(e => e.PartitionKey == jobId, cancellationToken: cancellationToken))
        {
            deliveries.Add(new WebhookDelivery(row.Attempt, row.At.ToUnixTimeSeconds(), row.StatusCode, row.Error, row.DurationMs));
        }

        return deliveries;
    }

    private Task EnsureCreatedAsync() =>
        CreateOnce.EnsureAsync(ref created, () => table.CreateIfNotExistsAsync(CancellationToken.None));
}
