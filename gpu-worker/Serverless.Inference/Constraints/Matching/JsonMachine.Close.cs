using Serverless.Inference.Constraints.Grammar;

namespace Serverless.Inference.Constraints.Matching;

internal static partial class JsonMachine
{
    private static readonly byte[] Quote = [(byte)'"'];

    /// <summary>
    /// The fewest bytes that close <paramref name="frame"/> back into its parent (the parent's own close follows).
    /// The sum over a stack is the shortest completion of the document, which the budget is kept against.
    /// </summary>
    public static byte[] OwnClose(Frame frame)
    {
        switch (frame.Kind)
        {
            case FrameKind.Root:
                return frame.Phase == 0 ? frame.Node.Shortest! : [];
            case FrameKind.String:
                return frame.Utf8 != 0 ? [.. Utf8.Finish(frame.Utf8), (byte)'"'] : frame.Phase switch
                {
                    0 => Quote,
                    1 => "n\""u8.ToArray(),
                    // Hex digits still owed by \uXXXX: four after the u, three after a D or one digit, then fewer.
                    _ => [.. Enumerable.Repeat((byte)'0', frame.Phase == 2 ? 4 : frame.Phase == 3 ? 3 : 7 - frame.Phase), (byte)'"'],
                };
            case FrameKind.Number:
                var state = new NumberState((NumberPhase)frame.Phase, frame.Index, frame.Text);
                return System.Text.Encoding.ASCII.GetBytes(NumberText.ShortestCompletion((NumberNode)frame.Node, state));
            case FrameKind.Literal:
                return ((LiteralNode)frame.Node).Trie.ShortestFrom(frame.Index);
            case FrameKind.Array:
                var array = (ArrayNode)frame.Node;
                return frame.Phase switch
                {
                    ArrayPhase.Open => array.Close(array.Min, leadingComma: false),
                    ArrayPhase.AfterItem => array.Close(Math.Max(0, array.Min - frame.Index), leadingComma: true),
                    _ => array.Close(Math.Max(1, array.Min - frame.Index), leadingComma: false),
                };
            default:
                return CloseObject(frame, (ObjectNode)frame.Node);
        }
    }

    private static byte[] CloseObject(Frame frame, ObjectNode node)
    {
        var value = frame.Current >= 0 && frame.Phase is ObjectPhase.Colon or ObjectPhase.AfterColon
            ? node.Properties[frame.Current].Value.Shortest!
            : node.Additional?.Shortest ?? [];
        var resume = frame.Current >= 0 ? frame.Current + 1 : frame.Index;
        return frame.Phase switch
        {
            ObjectPhase.Open => node.CloseAfterOpen(),
            ObjectPhase.Key => CloseKey(frame, node),
            ObjectPhase.Colon => [(byte)':', .. value, .. node.CloseAfterValue(resume)],
            ObjectPhase.AfterColon => [.. value, .. node.CloseAfterValue(resume)],
            ObjectPhase.AfterValue => node.CloseAfterValue(frame.Index),
            _ => node.CloseAfterComma(frame.Index),
        };
    }
}
