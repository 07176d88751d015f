namespace Serverless.Inference.Chat.Jinja;

/// <summary>One render's counters against its <see cref="JinjaLimits"/>; crossing one throws a limit error.</summary>
internal sealed class JinjaBudget(JinjaLimits limits)
{
    private long loopIterations;
    private long work;
    private int macroDepth;

    public JinjaLimits Limits => limits;

    public void CountLoopIteration()
    {
        if (++loopIterations > limits.MaxLoopIterations)
        {
            throw Exceeded($"the template ran more than {limits.MaxLoopIterations} loop iterations");
        }
    }

    public void CountWork(long items = 1)
    {
        work += items;
        if (work > limits.MaxWorkItems)
        {
            throw Exceeded($"the template walked more than {limits.MaxWorkItems} items");
        }
    }

    /// <summary>Counts a pass over <paramref name="length"/> characters, one work item per 16.</summary>
    public void CountChars(long length) => CountWork((length >> 4) + 1);

    /// <summary>Refuses a string or list of <paramref name="size"/> before it is built.</summary>
    public void EnsureSize(long size)
    {
        if (size > limits.MaxOutputChars)
        {
            throw Exceeded($"a value or the output would exceed {limits.MaxOutputChars} characters or items");
        }
    }

    public void EnterMacro(string name)
    {
        if (++macroDepth > limits.MaxRecursionDepth)
        {
            throw Exceeded($"macro '{name}' nested more than {limits.MaxRecursionDepth} calls deep");
        }
    }

    public void ExitMacro() => macroDepth--;

    public static JinjaException Exceeded(string message) => new(JinjaErrorKind.Limit, message);
}
