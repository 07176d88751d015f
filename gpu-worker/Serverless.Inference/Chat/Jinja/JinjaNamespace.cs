namespace Serverless.Inference.Chat.Jinja;

/// <summary>The one mutable value: <c>namespace(...)</c>, whose attributes <c>{% set ns.x = ... %}</c> may change from inside a loop.</summary>
internal sealed class JinjaNamespace(IEnumerable<KeyValuePair<string, object?>> initial)
{
    private readonly OrderedDictionary<string, object?> attributes = new(initial, StringComparer.Ordinal);

    public IEnumerable<KeyValuePair<string, object?>> Attributes => attributes;

    public bool TryGet(string name, out object? value) => attributes.TryGetValue(name, out value);

    public void Set(string name, object? value) => attributes[name] = value;
}
