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

        var first = MaskCache.Shared.Get(models.Generation.Vocabulary, state);

        Assert.Same(first, MaskCache.Shared.Get(models.Generation.Vocabulary, again));
    }

    [Fact]
    public void TheMaskCache_StaysWithinItsBytes_HoweverManySchemasAndStatesComeIn()
    {
        var cache = new MaskCache(capacityBytes: 2 * 1024 * 1024);
        var vocabulary = models.Generation.Vocabulary;
        var peak = 0L;
        var computed = 0L;
        for (var i = 0; i < 40; i++)
        {
            // Every schema is new, as a hostile tenant would send them, and each key prefix is a new state.
            var constraint = Documents.Schema($$$"""{"type":"object","properties":{"k{{{i}}}":{"type":"integer","minimum":{{{i}}},"maximum":{{{i + 1000}}}}},"required":["k{{{i}}}"]}""");
            var state = MatchState.Start(constraint.Root);
            foreach (var b in Encoding.UTF8.GetBytes($"{{\"k{i}\":{i + 5}"))
            {
                var entry = cache.Get(vocabulary, state);
                computed += (entry.Allowed.Length + entry.Growing.Length) * 8L;
                peak = Math.Max(peak, cache.Bytes);
                state = state.Step(b, [])!;
            }
        }

        Assert.True(computed > 4 * 1024 * 1024, $"only {computed} bytes of masks: the bound was never reached");
        Assert.InRange(peak, 1, 2 * 1024 * 1024);
        Assert.True(cache.Count > 0);
        Assert.Equal(cache.Get(vocabulary, MatchState.Start(Documents.Schema(Schema).Root)).Allowed, MaskCache.Shared.Get(vocabulary, MatchState.Start(Documents.Schema(Schema).Root)).Allowed);
    }
}
