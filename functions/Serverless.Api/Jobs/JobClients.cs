using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Api.Jobs;

/// <summary>
/// Finds the Durable Task client for a request: the Functions app hands it in per call (a <c>[DurableClient]</c>
/// binding, set as a request feature); the local host registers one in DI.
/// </summary>
internal static class JobClients
{
    /// <summary>The client that starts and signals job orchestrations.</summary>
    public static DurableTaskClient For(HttpContext context) =>
        context.Features.Get<DurableTaskClient>() ?? context.RequestServices.GetRequiredService<DurableTaskClient>();
}
