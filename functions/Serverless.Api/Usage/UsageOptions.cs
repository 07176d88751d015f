using System.ComponentModel.DataAnnotations;

namespace Serverless.Api.Usage;

/// <summary>How usage is recorded, bound from the <c>Usage</c> section.</summary>
public sealed class UsageOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Usage";

    /// <summary>
    /// How often summed usage is written; at most a second, so the usage API lags by about that, and a process killed
    /// outright loses at most this much.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:01")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Storage calls a flush makes at once (merges of different rollup rows).</summary>
    [Range(1, 64)]
    public int FlushParallelism { get; set; } = 8;

    /// <summary>
    /// Where usage that could not be written when the instance stopped is kept until the next start applies it. On an
    /// Azure Functions Premium plan <c>%HOME%</c> is persistent storage shared by the app's instances, and the default
    /// there is <c>%HOME%/data/serverless/usage-spill</c>; elsewhere it is under the temp folder. Either way a subfolder
    /// per storage account keeps one account's usage from ever being applied to another.
    /// </summary>
    public string? SpillPath { get; set; }

    /// <summary>The spill folder for the storage account at <paramref name="account"/>.</summary>
    internal string SpillFolder(Uri account)
    {
        var root = SpillPath is { Length: > 0 } path
            ? path
            : Path.Combine(
                Environment.GetEnvironmentVariable("WEBSITE_INSTANCE_ID") is { Length: > 0 } && Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home
                    ? Path.Combine(home, "data")
                    : Path.GetTempPath(),
                "serverless",
                "usage-spill");
        var id = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(account.AbsoluteUri));
        return Path.Combine(root, Convert.ToHexStringLower(id)[..16]);
    }
}
