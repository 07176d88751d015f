using System.Net;

namespace Serverless.Api.Relay;

/// <summary>
/// Records the final outcome of every worker call (after retries) in <see cref="WorkerObservations"/>. A worker
/// that is down, not ready or refuses the gateway's key is unreachable; any other answer, an error included, means it serves.
/// </summary>
internal sealed class WorkerObserver(WorkerObservations observations) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            observations.Failed(e switch
            {
                HttpRequestException { HttpRequestError: var kind } => $"request failed ({kind})",
                Polly.Timeout.TimeoutRejectedException => "timed out",
                _ => e.GetType().Name,
            });
            throw;
        }

        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
        {
            observations.Failed($"answered {(int)response.StatusCode}");
        }
        else
        {
            observations.Reached();
        }

        return response;
    }
}
