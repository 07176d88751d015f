using Serverless.ModelBuilder.Onnx.Proto;

namespace Serverless.ModelBuilder.CausalLm;

/// <summary>Wraps a built causal-LM graph as an ONNX model (IR 8, opset 17) saying what it is.</summary>
internal static class CausalLmModel
{
    public const int OpsetVersion = 17;

    public static ModelProto Wrap(GraphProto graph, string architecture, int seed)
    {
        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "Serverless.ModelBuilder",
            ProducerVersion = "1",
            DocString = $"{architecture} causal LM with seeded random weights (seed {seed}); for tests and fresh machines, not for meaningful text.",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        return model;
    }
}
