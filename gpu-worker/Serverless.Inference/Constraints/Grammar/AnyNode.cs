namespace Serverless.Inference.Constraints.Grammar;

/// <summary>Any JSON value: the schema <c>true</c> or <c>{}</c>, free object values, json_object's contents.</summary>
internal sealed class AnyNode : GrammarNode
{
    /// <summary>Objects and arrays of free values nest at most this deep, so a model cannot open brackets forever.</summary>
    public const int MaxDepth = 16;

    private AnyNode()
    {
        Object = new ObjectNode([], this);
        Array = new ArrayNode(this, 0, int.MaxValue);
        Keywords = LiteralNode.Of(["true"u8.ToArray(), "false"u8.ToArray(), "null"u8.ToArray()]);
        Number = new NumberNode(integer: false, range: null);
        Number.Shortest = Number.ComputeShortest();
        Shortest = "0"u8.ToArray();
        Object.Shortest = "{}"u8.ToArray();
        Array.Shortest = "[]"u8.ToArray();
        Object.Seal();
    }

    public static AnyNode Instance { get; } = new();

    public ObjectNode Object { get; }

    public ArrayNode Array { get; }

    public LiteralNode Keywords { get; }

    public NumberNode Number { get; }

    public override byte[]? ComputeShortest() => Shortest;
}
