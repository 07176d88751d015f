namespace Serverless.Inference.Chat.Jinja;

/// <summary>
/// The bounds one parse and one render stay within, so an untrusted template cannot loop, recurse or allocate
/// without end; hitting one throws a <see cref="JinjaException"/> of kind <see cref="JinjaErrorKind.Limit"/>.
/// </summary>
/// <param name="MaxOutputChars">The rendered text, and any single string or list built while rendering.</param>
/// <param name="MaxLoopIterations">For-loop iterations (and loop-filter tests) over the whole render.</param>
/// <param name="MaxRecursionDepth">Macro calls nested inside each other.</param>
/// <param name="MaxSourceChars">The template source.</param>
/// <param name="MaxNestingDepth">Blocks and expressions nested inside each other in the source, and input values nested inside each other.</param>
/// <param name="MaxWorkItems">Items that loops, filters, methods and comparisons walk, plus every 16 characters they read or write, over the whole render.</param>
internal sealed record JinjaLimits(
    int MaxOutputChars = 1_000_000,
    int MaxLoopIterations = 100_000,
    int MaxRecursionDepth = 64,
    int MaxSourceChars = 1_000_000,
    int MaxNestingDepth = 100,
    long MaxWorkItems = 10_000_000)
{
    public static JinjaLimits Default { get; } = new();
}
