using Serverless.ModelBuilder.Tests.CausalLm;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Serverless.ModelBuilder.Tests.Gpt2;

[Collection(TinyModelCollection.Name)]
public sealed class Gpt2SignatureTests(TinyModelFixture model)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Inputs_FollowOptimumCausalLmSignature(bool float16)
    {
        using var session = new InferenceSession(model.ModelPath(float16));
        var kvType = float16 ? TensorElementType.Float16 : TensorElementType.Float;
        var inputs = session.InputMetadata;

        string[] expectedNames =
        [
            "input_ids", "attention_mask", "position_ids",
            "past_key_values.0.key", "past_key_values.0.value", "past_key_values.1.key", "past_key_values.1.value",
        ];
        Assert.Equal(expectedNames, inputs.Keys);
        AssertTensor(inputs["input_ids"], TensorElementType.Int64, [-1, -1], ["batch_size", "sequence_length"]);
        AssertTensor(inputs["attention_mask"], TensorElementType.Int64, [-1, -1], ["batch_size", "total_sequence_length"]);
        AssertTensor(inputs["position_ids"], TensorElementType.Int64, [-1, -1], ["batch_size", "sequence_length"]);
        for (var i = 0; i < 2; i++)
        {
            AssertTensor(inputs[$"past_key_values.{i}.key"], kvType, [-1, 4, -1, 32], ["batch_size", "", "past_sequence_length", ""]);
            AssertTensor(inputs[$"past_key_values.{i}.value"], kvType, [-1, 4, -1, 32], ["batch_size", "", "past_sequence_length", ""]);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Outputs_AreLogitsThenPresents(bool float16)
    {
        using var session = new InferenceSession(model.ModelPath(float16));
        var type = float16 ? TensorElementType.Float16 : TensorElementType.Float;
        var outputs = session.OutputMetadata;

        Assert.Equal(["logits", "present.0.key", "present.0.value", "present.1.key", "present.1.value"], outputs.Keys);
        AssertTensor(outputs["logits"], type, [-1, -1, 50257], ["batch_size", "sequence_length", ""]);
        AssertTensor(outputs["present.1.value"], type, [-1, 4, -1, 32], ["batch_size", "", "total_sequence_length", ""]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Run_ReturnsPresentsThatAppendTheNewTokens(bool float16)
    {
        using var session = new CausalLmSession(model.ModelPath(float16));
        using var first = session.Run(1, [464, 2068, 7586], [1, 1, 1], [0, 1, 2]);
        using var second = session.Run(1, [21831], [1, 1, 1, 1], [3], first);

        Assert.Equal([1, 4, 3, 32], first.Present(0).GetTensorTypeAndShape().Shape);
        Assert.Equal([1, 4, 4, 32], second.Present(3).GetTensorTypeAndShape().Shape);
        Assert.All(second.LastLogits(0), value => Assert.True(float.IsFinite(value)));
    }

    private static void AssertTensor(NodeMetadata metadata, TensorElementType type, int[] dims, string[] symbols)
    {
        Assert.Equal(type, metadata.ElementDataType);
        Assert.Equal(dims, metadata.Dimensions);
        Assert.Equal(symbols, metadata.SymbolicDimensions);
    }
}
