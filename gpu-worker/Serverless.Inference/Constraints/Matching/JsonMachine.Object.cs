using Serverless.Inference.Constraints.Grammar;

namespace Serverless.Inference.Constraints.Matching;

internal static partial class JsonMachine
{
    private static void StepObject(Frame frame, byte b, List<Frame> next)
    {
        var node = (ObjectNode)frame.Node;
        if (frame.Phase == ObjectPhase.Key)
        {
            StepKey(frame, node, b, next);
            return;
        }

        if (IsWhitespace(b))
        {
            AddWhitespace(frame, next);
            return;
        }

        switch (frame.Phase)
        {
            case ObjectPhase.Open or ObjectPhase.NextKey when b == '"' && node.CanContinue(frame.Index):
                next.Add(frame.With(phase: ObjectPhase.Key, current: 0));
                break;
            case ObjectPhase.Open when b == '}' && !node.RequiredFrom(0):
            case ObjectPhase.AfterValue when b == '}' && !node.RequiredFrom(frame.Index):
                next.Add(frame.Parent!);
                break;
            case ObjectPhase.AfterValue when b == ',' && node.CanContinue(frame.Index):
                next.Add(frame.With(phase: ObjectPhase.NextKey));
                break;
            case ObjectPhase.Colon when b == ':':
                next.Add(frame.With(phase: ObjectPhase.AfterColon));
                break;
            case ObjectPhase.AfterColon:
                var value = frame.Current >= 0 ? node.Properties[frame.Current].Value : node.Additional!;
                var resume = frame.Current >= 0 ? frame.Current + 1 : frame.Index;
                StartValue(value, frame.With(phase: ObjectPhase.AfterValue, index: resume, current: 0), b, next);
                break;
        }
    }

    /// <summary>
    /// A key's bytes: declared names are matched in the key trie (only those not yet passed), free keys are any
    /// other string without escapes (so comparing bytes with the declared names is exact).
    /// </summary>
    private static void StepKey(Frame frame, ObjectNode node, byte b, List<Frame> next)
    {
        var trieNode = frame.Current;
        var inEscape = trieNode >= 0 && node.Keys.IsInEscape(trieNode);

        // A free key may not hold an escape, so once a declared name's escape is written only declared names remain.
        var freeKeys = node.FreeKeys && !(trieNode >= 0 && node.Keys.IsEscaped(trieNode));
        if (b == '"' && !inEscape)
        {
            if (frame.Utf8 != 0)
            {
                return;
            }

            var declared = trieNode >= 0 ? node.Keys.ValueAt(trieNode) : -1;
            if (declared >= 0 && declared >= frame.Index && declared <= node.LastCandidate(frame.Index) && node.Properties[declared].Value.Shortest is not null)
            {
                next.Add(frame.With(phase: ObjectPhase.Colon, current: declared));
            }
            else if (declared < 0 && freeKeys)
            {
                next.Add(frame.With(phase: ObjectPhase.Colon, current: -1));
            }

            return;
        }

        if (b < 0x20)
        {
            return;
        }

        var utf8 = frame.Utf8;
        if (utf8 != 0 || b >= 0x80)
        {
            utf8 = Utf8.Step(utf8, b);
            if (utf8 < 0)
            {
                return;
            }
        }

        var child = trieNode >= 0 ? node.Keys.Child(trieNode, b) : -1;
        var declaredAhead = child >= 0 && node.Keys.Reaches(child, frame.Index, node.LastCandidate(frame.Index), j => node.Properties[j].Value.Shortest is not null);
        if (declaredAhead || (freeKeys && b != '\\' && !inEscape))
        {
            next.Add(frame.With(phase: ObjectPhase.Key, current: child, utf8: utf8));
        }
    }

    /// <summary>The fewest bytes that finish the key being written and its value, then close the object.</summary>
    private static byte[] CloseKey(Frame frame, ObjectNode node)
    {
        byte[]? best = null;
        if (frame.Current >= 0)
        {
            foreach (var (j, rest) in node.Keys.Terminals(frame.Current))
            {
                if (j >= frame.Index && j <= node.LastCandidate(frame.Index) && node.Properties[j].Value.Shortest is { } value)
                {
                    byte[] candidate = [.. rest, (byte)'"', (byte)':', .. value, .. node.CloseAfterValue(j + 1)];
                    best = best is null || candidate.Length < best.Length ? candidate : best;
                }
            }
        }

        if (node.FreeKeys && !(frame.Current >= 0 && node.Keys.IsEscaped(frame.Current)))
        {
            // A free key may not spell a declared name: pad with '_' until it does not.
            var rest = new List<byte>(Utf8.Finish(frame.Utf8));
            var at = frame.Current >= 0 && frame.Utf8 == 0 ? frame.Current : -1;
            while (at >= 0 && node.Keys.ValueAt(at) >= 0)
            {
                rest.Add((byte)'_');
                at = node.Keys.Child(at, (byte)'_');
            }

            byte[] candidate = [.. rest, (byte)'"', (byte)':', .. node.Additional!.Shortest!, .. node.CloseAfterValue(frame.Index)];
            best = best is null || candidate.Length < best.Length ? candidate : best;
        }

        return best ?? throw new InvalidOperationException("A key with no way to finish was allowed.");
    }
}
