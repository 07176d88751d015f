using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Api.Models;
using Serverless.OpenAI.Errors;

namespace Serverless.Api.Catalog;

/// <summary>
/// The catalog each instance keeps in memory: read again once <see cref="CatalogOptions.RefreshInterval"/> has passed
/// (so a change reaches every instance within it), and at once on the instance that wrote it. While storage cannot
/// be read the last catalog stays in use; an instance that never read one serves an empty catalog (today's models).
/// </summary>
internal sealed partial class ModelCatalog(CatalogStore store, ModelRegistry workerModels, TimeProvider time, IOptions<CatalogOptions> options, ILogger<ModelCatalog> logger)
{
    /// <summary>After a failed read, how long the last catalog is kept before the next attempt.</summary>
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim gate = new(1, 1);
    private CatalogSnapshot current = CatalogSnapshot.Empty;
    private DateTimeOffset expires = DateTimeOffset.MinValue;
    private bool readOnce;

    /// <summary>
    /// The catalog. Once one was read, a request never waits for storage: when it is older than the refresh interval
    /// one request starts a read in the background and every request goes on with the one in memory. Only before
    /// the first read does a request wait for it.
    /// </summary>
    public async ValueTask<CatalogSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() < expires)
        {
            return current;
        }

        if (Volatile.Read(ref readOnce))
        {
            if (gate.Wait(0))
            {
                _ = RefreshInBackgroundAsync();
            }

            return current;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (time.GetUtcNow() < expires)
            {
                return current;
            }

            return await ReloadAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Creates or replaces <paramref name="id"/> from <paramref name="request"/>, validated against the catalog as
    /// stored now; the stored model, or the error to answer (400 for an invalid body, 409 for a concurrent change).
    /// </summary>
    public async Task<(CatalogModel? Model, ApiError? Error)> PutAsync(string id, CatalogModelRequest request, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var catalog = await ReloadAsync(cancellationToken, throwOnFailure: true);
            var served = (await workerModels.ListAsync(cancellationToken))?.Data.Select(m => m.Id).ToArray() ?? [];
            var (model, error) = CatalogValidator.ForPut(id, request, catalog.Models, options.Value.AllowHttpUpstreams, time.GetUtcNow(), served);
            if (error is not null)
            {
                return (null, error);
            }

            if (!await store.PutAsync(model!, catalog.ETagOf(id), cancellationToken))
            {
                return (null, CatalogErrors.ChangedConcurrently(id));
            }

            await ReloadAsync(cancellationToken);
            LogModelWritten(id, model!.Deployments.Count);
            return (model, null);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Deletes <paramref name="id"/>; the deleted model, or the error to answer (404, or 409 while another model falls back to it).</summary>
    public async Task<(CatalogModel? Model, ApiError? Error)> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var catalog = await ReloadAsync(cancellationToken, throwOnFailure: true);
            if (catalog.FindById(id) is not { } model)
            {
                return (null, CatalogErrors.NotFound(id));
            }

            if (catalog.Models.FirstOrDefault(m => m.Fallbacks.Contains(id)) is { } dependent)
            {
                return (null, CatalogErrors.StillAFallback(id, dependent.Id));
            }

            if (!await store.DeleteAsync(id, catalog.ETagOf(id)!.Value, cancellationToken))
            {
                return (null, CatalogErrors.ChangedConcurrently(id));
            }

            await ReloadAsync(cancellationToken);
            LogModelDeleted(id);
            return (model, null);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Reads the catalog again off the request path, then lets the next read start (the caller took the gate).</summary>
    private async Task RefreshInBackgroundAsync()
    {
        try
        {
            await ReloadAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            // Anything ReloadAsync does not keep to itself must not go unobserved: the last catalog stays in use.
            LogReadFailed(e);
            expires = time.GetUtcNow() + RetryAfterFailure;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Reads the catalog from storage (the caller holds the gate).</summary>
    private async Task<CatalogSnapshot> ReloadAsync(CancellationToken cancellationToken, bool throwOnFailure = false)
    {
        try
        {
            var rows = await store.ListAsync(cancellationToken);
            var now = time.GetUtcNow();
            current = new CatalogSnapshot(rows, now);
            expires = now + options.Value.RefreshInterval;
            Volatile.Write(ref readOnce, true);
            return current;
        }
        catch (Exception e) when (!throwOnFailure && e is Azure.RequestFailedException or AggregateException or HttpRequestException)
        {
            LogReadFailed(e);
            expires = time.GetUtcNow() + RetryAfterFailure;
            return current;
        }
    }

    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "Catalog: model {ModelId} written with {DeploymentCount} deployments")]
    private partial void LogModelWritten(string modelId, int deploymentCount);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Catalog: model {ModelId} deleted")]
    private partial void LogModelDeleted(string modelId);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Catalog: reading the catalog failed; the last one read stays in use")]
    private partial void LogReadFailed(Exception exception);
}
