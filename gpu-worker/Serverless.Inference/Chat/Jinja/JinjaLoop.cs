namespace Serverless.Inference.Chat.Jinja;

/// <summary>The <c>loop</c> variable of a for loop: position, neighbours, <c>cycle</c> and <c>changed</c>.</summary>
internal sealed class JinjaLoop(IReadOnlyList<object?> items)
{
    private static readonly object NeverChanged = new();
    private object? lastChanged = NeverChanged;

    public int Index0 { get; set; }

    public object? Get(string name) => name switch
    {
        "index" => (long)Index0 + 1,
        "index0" => (long)Index0,
        "revindex" => (long)(items.Count - Index0),
        "revindex0" => (long)(items.Count - Index0 - 1),
        "first" => Index0 == 0,
        "last" => Index0 == items.Count - 1,
        "length" => (long)items.Count,
        "depth" => 1L,
        "depth0" => 0L,
        "previtem" => Index0 > 0 ? items[Index0 - 1] : new JinjaUndefined("there is no previous item"),
        "nextitem" => Index0 < items.Count - 1 ? items[Index0 + 1] : new JinjaUndefined("there is no next item"),
        "cycle" => new JinjaFunction("cycle", (_, args) => Cycle(args)),
        "changed" => new JinjaFunction("changed", (_, args) => Changed(args)),
        _ => JinjaUndefined.NoAttribute(this, name),
    };

    private object? Cycle(JinjaArgs args)
    {
        args.NoKeywords("cycle");
        return args.Positional.Count == 0
            ? throw new JinjaException(JinjaErrorKind.Runtime, "no items for cycling given")
            : args.Positional[Index0 % args.Positional.Count];
    }

    private bool Changed(JinjaArgs args)
    {
        var value = new JinjaList([.. args.Positional], JinjaListKind.Tuple);
        if (lastChanged != NeverChanged && JinjaValues.PyEquals(lastChanged, value, null))
        {
            return false;
        }

        lastChanged = value;
        return true;
    }

    public override string ToString() => $"<LoopContext {Index0 + 1}/{items.Count}>";
}
