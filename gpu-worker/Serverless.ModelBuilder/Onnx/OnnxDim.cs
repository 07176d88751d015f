namespace Serverless.ModelBuilder.Onnx;

/// <summary>One dimension of a graph input or output: a fixed size or a symbolic name.</summary>
internal readonly record struct OnnxDim(long? Value, string? Param)
{
    public static implicit operator OnnxDim(long value) => new(value, null);

    public static implicit operator OnnxDim(string param) => new(null, param);
}
