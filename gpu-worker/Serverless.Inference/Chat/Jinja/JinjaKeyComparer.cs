namespace Serverless.Inference.Chat.Jinja;

/// <summary>Python hashing and equality for dict keys and <c>unique</c>; lists and dicts are unhashable.</summary>
internal sealed class JinjaKeyComparer : IEqualityComparer<object?>
{
    public static JinjaKeyComparer Instance { get; } = new();

    public new bool Equals(object? x, object? y) => JinjaValues.PyEquals(x, y, null);

    public int GetHashCode(object? obj) => JinjaValues.Hash(obj);
}
