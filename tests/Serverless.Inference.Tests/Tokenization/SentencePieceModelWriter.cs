using Google.Protobuf;

namespace Serverless.Inference.Tests.Tokenization;

/// <summary>Writes a minimal SentencePiece BPE model (sentencepiece_model.proto) so the loader can be tested without downloads.</summary>
internal static class SentencePieceModelWriter
{
    private const int Normal = 1;
    private const int Unknown = 2;
    private const int Control = 3;
    private const int BpeModelType = 2;

    public static void Write(string path, IReadOnlyList<string> pieces)
    {
        using var file = File.Create(path);
        var output = new CodedOutputStream(file);
        WritePiece(output, "<unk>", 0f, Unknown);
        WritePiece(output, "<s>", 0f, Control);
        WritePiece(output, "</s>", 0f, Control);
        for (var i = 0; i < pieces.Count; i++)
        {
            // Higher scores merge first; earlier pieces rank higher.
            WritePiece(output, pieces[i], -i, Normal);
        }

        WriteMessage(output, 2, trainer =>
        {
            trainer.WriteTag(3, WireFormat.WireType.Varint);
            trainer.WriteInt32(BpeModelType);
            trainer.WriteTag(4, WireFormat.WireType.Varint);
            trainer.WriteInt32(pieces.Count + 3);
        });
        WriteMessage(output, 3, normalizer =>
        {
            normalizer.WriteTag(1, WireFormat.WireType.LengthDelimited);
            normalizer.WriteString("identity");
        });
        output.Flush();
    }

    private static void WritePiece(CodedOutputStream output, string piece, float score, int type) =>
        WriteMessage(output, 1, message =>
        {
            message.WriteTag(1, WireFormat.WireType.LengthDelimited);
            message.WriteString(piece);
            message.WriteTag(2, WireFormat.WireType.Fixed32);
            message.WriteFloat(score);
            message.WriteTag(3, WireFormat.WireType.Varint);
            message.WriteEnum(type);
        });

    private static void WriteMessage(CodedOutputStream output, int field, Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var inner = new CodedOutputStream(buffer);
        write(inner);
        inner.Flush();
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(buffer.ToArray()));
    }
}
