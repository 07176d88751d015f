namespace Serverless.Worker.Jobs;

/// <summary>What running one job gave: the OpenAI-shaped response, or an error.</summary>
/// <param name="ResultJson">The response body, when it succeeded.</param>
/// <param name="PromptTokens">Prompt tokens.</param>
/// <param name="CompletionTokens">Completion tokens.</param>
/// <param name="ErrorCode">The error code, when it failed.</param>
/// <param name="ErrorMessage">The error message, when it failed.</param>
internal sealed record JobExecution(string? ResultJson, int PromptTokens, int CompletionTokens, string? ErrorCode = null, string? ErrorMessage = null)
{
    /// <summary>The HTTP status the failure answers with (a request the worker refuses: 4xx; its own failure: 500).</summary>
    public int ErrorStatus { get; init; } = 500;

    /// <summary>Whether it succeeded.</summary>
    public bool Succeeded => ResultJson is not null;

    /// <summary>A failed run.</summary>
    public static JobExecution Failed(string code, string message) => new(null, 0, 0, code, message);

    /// <summary>A run stopped at a decode step (its owner cancelled, or its time ran out): no answer, but what it generated.</summary>
    public static JobExecution Stopped(int promptTokens, int completionTokens) => new(null, promptTokens, completionTokens, StoppedCode, null);

    /// <summary>The <see cref="ErrorCode"/> of a stopped run, before the processor says why it was stopped.</summary>
    public const string StoppedCode = "stopped";

    /// <summary>Whether it was stopped before it finished.</summary>
    public bool WasStopped => ErrorCode == StoppedCode;
}
