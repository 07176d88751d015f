using System.Text.Json;
using Serverless.Api.Auth;

namespace Serverless.Api.Batches;

/// <summary>A route a batch's lines can call: each line is checked and estimated exactly as the route checks a request.</summary>
internal interface IBatchableRoute
{
    /// <summary>The worker path that serves the route.</summary>
    string WorkerPath { get; }

    /// <summary>Plans one line's <paramref name="body"/> for <paramref name="caller"/>: its validated request and estimate, or its error.</summary>
    Task<BatchLinePlan> PlanLineAsync(JsonElement body, Caller caller, CancellationToken cancellationToken);
}
