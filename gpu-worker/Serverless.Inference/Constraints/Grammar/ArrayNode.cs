namespace Serverless.Inference.Constraints.Grammar;

/// <summary>A JSON array of <see cref="Min"/> to <see cref="Max"/> items, each valid against <see cref="Items"/>.</summary>
internal sealed class ArrayNode(GrammarNode items, int min, int max) : GrammarNode
{
    public GrammarNode Items { get; } = items;

    public int Min { get; } = min;

    public int Max { get; } = max;

    public override byte[]? ComputeShortest() =>
        Min == 0 ? "[]"u8.ToArray() : Items.Shortest is null ? null : [(byte)'[', .. Close(Min, leadingComma: false)];

    /// <summary>The shortest bytes that write <paramref name="items"/> more items (comma-separated) and the closing bracket.</summary>
    public byte[] Close(int items, bool leadingComma)
    {
        var item = Items.Shortest ?? [];
        var bytes = new List<byte>((items * (item.Length + 1)) + 1);
        for (var n = 0; n < items; n++)
        {
            if (n > 0 || leadingComma)
            {
                bytes.Add((byte)',');
            }

            bytes.AddRange(item);
        }

        bytes.Add((byte)']');
        return [.. bytes];
    }
}
