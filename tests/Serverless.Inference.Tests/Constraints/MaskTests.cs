using System.Text;
using Serverless.Inference.Constraints.Masking;
using Serverless.Inference.Constraints.Matching;
using Serverless.Inference.Tests.Fixtures;

namespace Serverless.Inference.Tests.Constraints;

[Collection(ModelsCollection.Name)]
public sealed class MaskTests(ModelsFixture models)
{
    private const string Schema = """
        {"type": "object", "additionalProperties": false, "required": ["name", "n"],
         "properties": {"name": {"type": "string"}, "n": {"type": "number", "minimum": -2.5, "maximum": 40}, "tags": {"type": "array", "items": {"enum": ["x", "y"]}}}}
        """;

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("""{"na""")]
    [InlineData("""{"name":""")]
    [InlineData("""{"name": "Ad""")]
    [InlineData("""{"name":"A\""")]
    [InlineData("""{"name":"A\u00""")]
    [InlineData("""{"name":"x","n":3""")]
    [InlineData("""{"name":"x","n":-2.""")]
    [InlineData("""{"name":"x","n":1,"tags":[""")]
    public void Mask_AllowsExactlyTheTokensWhoseBytesTheMatcherTakes(string prefix)
    {
        foreach (var model in new[] { models.Generation, models.Llama })
        {
            var vocabulary = model.Vocabulary;
            var state = MatchState.Start(Documents.Schema(Schema).Root).Step(Encoding.UTF8.GetBytes(prefix), [])!;

            var entry = MaskBuilder.Build(vocabulary, state);

            for (var id = 0; id < vocabulary.Size; id++)
            {
                var expected = vocabulary.TokenBytes[id] is { } bytes && state.Step(bytes, []) is not null;
                var allowed = (entry.Allowed[id >> 6] & (1UL << (id & 63))) != 0;
                Assert.True(expected == allowed, $"{model.Manifest.Id} after '{prefix}': token {id} '{model.TokenText(id).Text}' expected {expected}");
            }

            Assert.Equal(state.CloseCost, entry.CloseCost);
        }
    }

    [Fact]
    public void Mask_InsideAFreeString_IsCachedAfterTheFirstStep()
    {
        var constraint = Documents.Schema(Schema);
        var state = MatchState.Start(constraint.Root).Step("{\"name\":\"abc"u8, [])!;
        var again = MatchState.Start(constraint.Root).Step("{\"name\":\"xyz def"u8, [])!;

        var first = constraint.Masks.Get(models.Generation.Vocabulary, state);

        Assert.Same(first, constraint.Masks.Get(models.Generation.Vocabulary, again));
    }
}
