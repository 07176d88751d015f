using System.Text.Json;
using Serverless.Inference.Constraints.Matching;
using Serverless.Inference.Tests.Fixtures;
using Serverless.Inference.Tests.Generation;

namespace Serverless.Inference.Tests.Constraints;

/// <summary>
/// The property: for any schema in the subset and any seed, what a model generates under the schema's constraint,
/// through the real generation path, is one JSON document that JsonSchema.Net finds valid against the schema.
/// Random weights make the models near-uniform over what the mask allows, which visits odd corners quickly.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class RandomSchemaPropertyTests(ModelsFixture models)
{
    [Theory]
    [InlineData(ModelsFixture.Gpt2Tiny, 100, 3)]
    [InlineData(ModelsFixture.LlamaTiny, 30, 2)]
    public async Task RandomSchemas_EveryOutputValidates(string id, int schemaCount, int seedsPerSchema)
    {
        Assert.True(models.Catalog.TryGetGeneration(id, out var model));
        var prompt = model.Tokenize("Reply with JSON:");
        var schemas = new RandomSchemas(new Random(20261206));
        for (var s = 0; s < schemaCount; s++)
        {
            var schema = schemas.Next().ToJsonString();
            var constraint = Documents.Schema(schema);
            var shortest = MatchState.Start(constraint.Root).ShortestCompletion().Length;
            var runs = Enumerable.Range(0, seedsPerSchema).Select(async seed =>
            {
                // From just enough for the shortest document to generous: both closing paths get exercised.
                var maxTokens = shortest + new Random((s * 100) + seed).Next(0, 250);
                var request = new GenerationRequest(prompt, maxTokens, new SamplingParameters(Temperature: 1f, Seed: seed), [], Constraint: constraint);
                var completion = await Completion.RunAsync(model, request);
                var context = $"{id}, schema #{s}, seed {seed}, max_tokens {maxTokens}, finish {completion.FinishReason}";
                SchemaValidation.AssertValid(schema, completion.Text, context);
                Assert.True(completion.FinishReason == FinishReason.Stop, context);
            });
            await Task.WhenAll(runs);
        }
    }
}
