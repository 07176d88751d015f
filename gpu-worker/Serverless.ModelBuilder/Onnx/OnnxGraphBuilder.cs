using Serverless.ModelBuilder.Onnx.Proto;

namespace Serverless.ModelBuilder.Onnx;

/// <summary>Accumulates nodes, initializers and graph inputs/outputs, naming intermediate values uniquely.</summary>
internal sealed class OnnxGraphBuilder(string graphName)
{
    private readonly GraphProto graph = new() { Name = graphName };
    private readonly HashSet<string> constants = [];
    private int counter;

    /// <summary>Adds a node with one output and returns the output's name.</summary>
    public string Node(string opType, IEnumerable<string> inputs, params AttributeProto[] attributes) =>
        Node(opType, inputs, 1, attributes)[0];

    /// <summary>Adds a node with one output that has a fixed name (a graph output).</summary>
    public string NamedNode(string opType, string output, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        var node = NewNode(opType, inputs, attributes);
        node.Output.Add(output);
        graph.Node.Add(node);
        return output;
    }

    /// <summary>Adds a node with several outputs and returns their names.</summary>
    public string[] Node(string opType, IEnumerable<string> inputs, int outputs, params AttributeProto[] attributes)
    {
        var node = NewNode(opType, inputs, attributes);
        var names = new string[outputs];
        for (var i = 0; i < outputs; i++)
        {
            names[i] = outputs == 1 ? $"{node.Name}_out" : $"{node.Name}_out{i}";
            node.Output.Add(names[i]);
        }

        graph.Node.Add(node);
        return names;
    }

    /// <summary>Adds an initializer and returns its name.</summary>
    public string Initializer(TensorProto tensor)
    {
        graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>
    /// Adds a small int64 constant (shapes, axes, indices) as an initializer, once per name however many
    /// layers ask for it; an empty dims list makes a scalar.
    /// </summary>
    public string Int64Constant(string name, long[] dims, params long[] values) =>
        constants.Add(name) ? Initializer(OnnxTensors.Int64(name, dims, values)) : name;

    public void Input(string name, TensorProto.Types.DataType type, params OnnxDim[] dims) =>
        graph.Input.Add(ValueInfo(name, type, dims));

    public void Output(string name, TensorProto.Types.DataType type, params OnnxDim[] dims) =>
        graph.Output.Add(ValueInfo(name, type, dims));

    public GraphProto Build() => graph;

    private NodeProto NewNode(string opType, IEnumerable<string> inputs, AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = $"{opType}_{counter++}" };
        node.Input.Add(inputs);
        node.Attribute.Add(attributes);
        return node;
    }

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, OnnxDim[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim.Param is { } param
                ? new TensorShapeProto.Types.Dimension { DimParam = param }
                : new TensorShapeProto.Types.Dimension { DimValue = dim.Value ?? 0 });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
