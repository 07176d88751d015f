namespace Serverless.Inference.Chat.Jinja;

/// <summary>An immutable Python dict: insertion order kept, keys compared with Python equality (1 == 1.0 == True).</summary>
internal sealed class JinjaDict
{
    // OrderedDictionary cannot hold a null key, and None is a valid Python key.
    private static readonly object NoneKey = new();

    private readonly OrderedDictionary<object, object?> entries;

    public JinjaDict(IEnumerable<KeyValuePair<object?, object?>> pairs)
    {
        entries = new OrderedDictionary<object, object?>(JinjaKeyComparer.Instance);
        foreach (var (key, value) in pairs)
        {
            // Like {'a': 1, 'a': 2}: the last value wins, the first position stays.
            entries[key ?? NoneKey] = value;
        }
    }

    public static JinjaDict Empty { get; } = new([]);

    public int Count => entries.Count;

    public IEnumerable<object?> Keys => entries.Keys.Select(Unwrap);

    public IEnumerable<object?> Values => entries.Values;

    public IEnumerable<KeyValuePair<object?, object?>> Pairs => entries.Select(e => new KeyValuePair<object?, object?>(Unwrap(e.Key), e.Value));

    public bool TryGetValue(object? key, out object? value) => entries.TryGetValue(key ?? NoneKey, out value);

    public bool ContainsKey(object? key) => entries.ContainsKey(key ?? NoneKey);

    private static object? Unwrap(object key) => ReferenceEquals(key, NoneKey) ? null : key;
}
