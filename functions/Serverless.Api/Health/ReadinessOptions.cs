using System.ComponentModel.DataAnnotations;

namespace Serverless.Api.Health;

/// <summary>How <c>GET /readyz</c> finds its answer, bound from the <c>Readiness</c> section.</summary>
public sealed class ReadinessOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Readiness";

    /// <summary>How long one answer is reused: however often <c>/readyz</c> is called, storage (and a probed worker) is asked at most once per this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Call the worker's <c>/healthz</c> (once per <see cref="CacheTtl"/>). Off by default: a call would start a GPU
    /// replica scaled to zero, so readiness reports the worker as the gateway last saw it on real traffic. Turn it on
    /// only where the worker never scales to zero (the local stack; a deployment with <c>workerMinReplicas</c> of 1 or more).
    /// </summary>
    public bool ProbeWorker { get; set; }
}
