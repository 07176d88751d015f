using System.Collections.Immutable;

namespace Serverless.Infra.Tests.Arm;

/// <summary>The copy loops an expression is evaluated inside: what <c>copyIndex()</c> and <c>copyIndex('name')</c> answer.</summary>
internal sealed record CopyContext(ImmutableDictionary<string, long> Loops, long? Current)
{
    /// <summary>Outside every loop.</summary>
    public static CopyContext None { get; } = new(ImmutableDictionary.Create<string, long>(StringComparer.OrdinalIgnoreCase), null);

    /// <summary>The context of iteration <paramref name="index"/> of loop <paramref name="name"/>.</summary>
    public CopyContext Enter(string name, long index) => new(Loops.SetItem(name, index), index);

    /// <summary>The index of the named loop, or of the innermost one.</summary>
    public long Index(string? name) =>
        name is null
            ? Current ?? throw new InvalidOperationException("copyIndex() outside a copy loop.")
            : Loops.TryGetValue(name, out var index) ? index : throw new InvalidOperationException($"copyIndex('{name}') outside that loop.");
}
