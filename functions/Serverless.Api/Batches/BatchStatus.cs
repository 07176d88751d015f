namespace Serverless.Api.Batches;

/// <summary>The states of a batch, as OpenAI names them.</summary>
public static class BatchStatus
{
    /// <summary>The input file is being checked.</summary>
    public const string Validating = "validating";

    /// <summary>The input file did not pass the check.</summary>
    public const string Failed = "failed";

    /// <summary>Its lines are running.</summary>
    public const string InProgress = "in_progress";

    /// <summary>Its output and error files are being written.</summary>
    public const string Finalizing = "finalizing";

    /// <summary>Done: every line ran or was reported failed.</summary>
    public const string Completed = "completed";

    /// <summary>Its window ended before every line ran; those lines are reported expired.</summary>
    public const string Expired = "expired";

    /// <summary>A cancel was asked for; the lines in flight finish.</summary>
    public const string Cancelling = "cancelling";

    /// <summary>Cancelled; lines not run are reported cancelled.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Whether <paramref name="status"/> is an end state.</summary>
    public static bool IsFinal(string status) => status is Failed or Completed or Expired or Cancelled;
}
