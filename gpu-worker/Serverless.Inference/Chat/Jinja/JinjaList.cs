using System.Collections;

namespace Serverless.Inference.Chat.Jinja;

/// <summary>An immutable Python list, tuple or dict view.</summary>
internal sealed class JinjaList(IReadOnlyList<object?> items, JinjaListKind kind = JinjaListKind.List) : IReadOnlyList<object?>
{
    public static JinjaList Empty { get; } = new([]);

    public JinjaListKind Kind => kind;

    public bool IsView => kind is JinjaListKind.DictKeys or JinjaListKind.DictValues or JinjaListKind.DictItems;

    public int Count => items.Count;

    public object? this[int index] => items[index];

    public static JinjaList Tuple(params object?[] items) => new(items, JinjaListKind.Tuple);

    public IEnumerator<object?> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
