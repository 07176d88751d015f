using System.Security.Cryptography;

namespace Serverless.Testing;

/// <summary>
/// The secrets an API host under test is started with: a fresh admin key, key pepper, metrics token, legacy
/// deployment-wide webhook signing secret (Standard Webhooks' <c>whsec_</c> form; it signs only the webhooks of
/// callers without a secret of their own) and worker key per stack. The worker key is the one secret the API shares
/// with the worker: start the stack's worker with it (<see cref="ServiceProcess.StartWorkerAsync"/>).
/// </summary>
public sealed record ApiSecrets(string AdminKey, string KeyPepper, string MetricsToken, string WebhookSigningSecret, string WorkerKey)
{
    /// <summary>New random secrets.</summary>
    public static ApiSecrets New() => new(
        "sk-admin-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        "metrics-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        NewWorkerKey());

    /// <summary>A fresh worker key, for a worker started on its own.</summary>
    public static string NewWorkerKey() => "worker-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>Every secret here, for log scans.</summary>
    public IReadOnlyList<string> All => [AdminKey, KeyPepper, MetricsToken, WebhookSigningSecret, WorkerKey];

    /// <summary>The environment that gives an API host these secrets and <paramref name="storageConnectionString"/>.</summary>
    public IReadOnlyDictionary<string, string> Environment(string storageConnectionString) => new Dictionary<string, string>
    {
        ["ADMIN_API_KEY"] = AdminKey,
        ["Auth__KeyPepper"] = KeyPepper,
        ["Metrics__Token"] = MetricsToken,
        ["Webhooks__SigningSecret"] = WebhookSigningSecret,
        ["Worker__ApiKey"] = WorkerKey,
        ["AzureWebJobsStorage"] = storageConnectionString,
        ["Usage__SpillPath"] = SpillPath,

        // Every test calls from loopback, and many send bad keys on purpose; the budget is tested on its own host.
        ["Auth__FailedAttemptsPerMinute"] = "100000",
    };

    /// <summary>Where the stack's API hosts keep usage they could not write at shutdown: one folder per stack.</summary>
    public string SpillPath { get; } = Path.Combine(Path.GetTempPath(), "serverless-tests", "usage-spill-" + Guid.NewGuid().ToString("N")[..12]);
}
