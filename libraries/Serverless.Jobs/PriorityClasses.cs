namespace Serverless.Jobs;

/// <summary><see cref="PriorityClass"/> as the gateway and the worker write it: in a header, and on a job's row.</summary>
public static class PriorityClasses
{
    /// <summary>The header in which the gateway tells its own worker the caller's class (<c>high</c>, <c>normal</c> or <c>low</c>).</summary>
    public const string HeaderName = "x-priority";

    /// <summary>The class's wire name: <c>high</c>, <c>normal</c> or <c>low</c>.</summary>
    public static string NameOf(PriorityClass priority) => priority switch
    {
        PriorityClass.High => "high",
        PriorityClass.Low => "low",
        _ => "normal",
    };

    /// <summary>The class <paramref name="name"/> names; <see cref="PriorityClass.Normal"/> when it is missing or names none.</summary>
    public static PriorityClass Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "high" => PriorityClass.High,
        "low" => PriorityClass.Low,
        _ => PriorityClass.Normal,
    };
}
