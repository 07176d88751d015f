namespace Serverless.Inference.Constraints.Grammar;

/// <summary>
/// A JSON object whose declared properties come in schema order (optional ones may be left out), and where
/// <see cref="Additional"/> is not null, free keys (never a declared name) with values of that schema.
/// </summary>
internal sealed class ObjectNode : GrammarNode
{
    private int[] firstRequiredFrom = [];
    private byte[][] afterValue = [];
    private byte[][] nextKey = [];

    public ObjectNode(Property[] properties, GrammarNode? additional)
    {
        Properties = properties;
        Additional = additional;
        Keys = new ByteTrie([.. properties.Select(p => p.Key)]);
    }

    public Property[] Properties { get; }

    public GrammarNode? Additional { get; }

    /// <summary>The declared names, as written between a key's quotes; each ends at its property's index.</summary>
    public ByteTrie Keys { get; }

    /// <summary>Whether free keys may be written: extra properties are allowed and their values have a finite form.</summary>
    public bool FreeKeys => Additional?.Shortest is not null;

    public override byte[]? ComputeShortest()
    {
        var bytes = new List<byte> { (byte)'{' };
        foreach (var property in Properties.Where(p => p.Required))
        {
            if (property.Value.Shortest is not { } value)
            {
                return null;
            }

            bytes.AddRange(Entry(property, value, comma: bytes.Count > 1));
        }

        bytes.Add((byte)'}');
        return [.. bytes];
    }

    /// <summary>Precomputes the closing paths once every node's shortest value is known.</summary>
    public void Seal()
    {
        var count = Properties.Length;
        firstRequiredFrom = new int[count + 1];
        firstRequiredFrom[count] = -1;
        for (var i = count - 1; i >= 0; i--)
        {
            firstRequiredFrom[i] = Properties[i].Required ? i : firstRequiredFrom[i + 1];
        }

        afterValue = new byte[count + 1][];
        for (var i = count; i >= 0; i--)
        {
            var required = firstRequiredFrom[i];
            afterValue[i] = required < 0
                ? [(byte)'}']
                : [.. Entry(Properties[required], Properties[required].Value.Shortest!, comma: true), .. afterValue[required + 1]];
        }

        nextKey = new byte[count + 1][];
        for (var i = 0; i <= count; i++)
        {
            nextKey[i] = [.. ShortestNextEntry(i) ?? []];
        }
    }

    /// <summary>Whether some required property comes at index <paramref name="from"/> or later.</summary>
    public bool RequiredFrom(int from) => firstRequiredFrom[from] >= 0;

    /// <summary>The last property index a key may name after <paramref name="from"/>: optional ones may be skipped, a required one may not.</summary>
    public int LastCandidate(int from) => firstRequiredFrom[from] >= 0 ? firstRequiredFrom[from] : Properties.Length - 1;

    /// <summary>Whether, after a comma, some key can still be written.</summary>
    public bool CanContinue(int from) => from < Properties.Length && Properties.Skip(from).Any(p => p.Value.Shortest is not null) || FreeKeys;

    /// <summary>The shortest way to close from just after a value, with the next declared property at <paramref name="from"/>.</summary>
    public byte[] CloseAfterValue(int from) => afterValue[from];

    /// <summary>The shortest way to close right after <c>{</c>.</summary>
    public byte[] CloseAfterOpen() => RequiredFrom(0) ? nextKey[0] : [(byte)'}'];

    /// <summary>The shortest way to close after a comma: one more entry is owed.</summary>
    public byte[] CloseAfterComma(int from) => nextKey[from];

    /// <summary><c>,"key":value</c> (or without the comma).</summary>
    public static byte[] Entry(Property property, byte[] value, bool comma) =>
        [.. comma ? [(byte)','] : Array.Empty<byte>(), (byte)'"', .. property.Key, (byte)'"', (byte)':', .. value];

    /// <summary>The shortest <c>"key":value</c> that can come next from <paramref name="from"/>, followed by its object's close.</summary>
    private byte[]? ShortestNextEntry(int from)
    {
        byte[]? best = null;
        for (var j = from; j < Properties.Length && j <= LastCandidate(from); j++)
        {
            if (Properties[j].Value.Shortest is { } value)
            {
                byte[] candidate = [.. Entry(Properties[j], value, comma: false), .. afterValue[j + 1]];
                best = best is null || candidate.Length < best.Length ? candidate : best;
            }
        }

        if (FreeKeys && !RequiredFrom(from))
        {
            byte[] candidate = [(byte)'"', .. FreeKeyPlaceholder(), (byte)'"', (byte)':', .. Additional!.Shortest!, (byte)'}'];
            best = best is null || candidate.Length < best.Length ? candidate : best;
        }

        return best;
    }

    /// <summary>The shortest free key: the empty name unless a property is declared with it, else "_" (never declared too, or "__" …).</summary>
    public byte[] FreeKeyPlaceholder()
    {
        var key = Array.Empty<byte>();
        while (Properties.Any(p => p.Key.AsSpan().SequenceEqual(key)))
        {
            key = [.. key, (byte)'_'];
        }

        return key;
    }
}
