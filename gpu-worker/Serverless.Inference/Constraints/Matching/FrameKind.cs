namespace Serverless.Inference.Constraints.Matching;

/// <summary>What a frame of the matcher's stack is writing.</summary>
internal enum FrameKind : byte
{
    Root,
    Object,
    Array,
    String,
    Number,
    Literal,
}
