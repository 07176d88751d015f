using Microsoft.Extensions.Options;
using Serverless.Api.Relay;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Models;

namespace Serverless.Api.Models;

/// <summary>
/// The models this deployment serves, as the worker reports them, reused for <see cref="WorkerOptions.ModelListTtl"/>
/// so a request does not cost a worker round trip; a stale list is served while the worker cannot be reached.
/// </summary>
public sealed class ModelRegistry(WorkerClient worker, TimeProvider time, IOptions<WorkerOptions> options)
{
    private readonly SemaphoreSlim refresh = new(1, 1);
    private Snapshot? current;

    /// <summary>All models, or null when the worker has never been reachable.</summary>
    public async Task<ModelList?> ListAsync(CancellationToken cancellationToken)
    {
        var snapshot = current;
        if (snapshot is not null && time.GetUtcNow() < snapshot.Expires)
        {
            return snapshot.Models;
        }

        await refresh.WaitAsync(cancellationToken);
        try
        {
            snapshot = current;
            if (snapshot is not null && time.GetUtcNow() < snapshot.Expires)
            {
                return snapshot.Models;
            }

            var models = await worker.GetModelsAsync(cancellationToken);
            current = new Snapshot(models, time.GetUtcNow() + options.Value.ModelListTtl);
            return models;
        }
        catch (HttpRequestException) when (snapshot is not null)
        {
            return snapshot.Models;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            refresh.Release();
        }
    }

    /// <summary>Finds a model that can do what <paramref name="capable"/> asks, or says why not as an OpenAI error.</summary>
    public async Task<(Model? Model, ApiError? Error)> ResolveAsync(string id, Func<ModelCapabilities, bool> capable, string endpoint, CancellationToken cancellationToken)
    {
        var models = await ListAsync(cancellationToken);
        if (models is null)
        {
            return (null, WorkerErrors.Unavailable);
        }

        var model = models.Data.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.Ordinal));
        if (model is null)
        {
            return (null, ApiError.ModelNotFound(id));
        }

        return capable(model.Capabilities)
            ? (model, null)
            : (null, ApiError.InvalidParameter("model", $"The model '{id}' does not support {endpoint}.", "model_not_supported"));
    }

    private sealed record Snapshot(ModelList Models, DateTimeOffset Expires);
}
