using System.Text.Json;
using Serverless.Inference.Constraints.Matching;
using Serverless.Inference.Tests.Fixtures;
using Serverless.Inference.Tests.Generation;

namespace Serverless.Inference.Tests.Constraints;

[Collection(ModelsCollection.Name)]
public sealed class ConstrainedGenerationTests(ModelsFixture models)
{
    private const string Person = """
        {"type": "object", "additionalProperties": false, "required": ["name", "age", "tags"],
         "properties": {"name": {"type": "string"}, "age": {"type": "integer", "minimum": 0, "maximum": 120},
                        "email": {"type": ["string", "null"]}, "tags": {"type": "array", "items": {"enum": ["a", "b", "c"]}, "maxItems": 3}}}
        """;

    [Theory]
    [InlineData(ModelsFixture.Gpt2Tiny)]
    [InlineData(ModelsFixture.LlamaTiny)]
    public async Task JsonObject_EveryOutputIsAnObject_EndingAsSoonAsItCloses(string id)
    {
        Assert.True(models.Catalog.TryGetGeneration(id, out var model));
        for (var seed = 0; seed < 6; seed++)
        {
            var completion = await Completion.RunAsync(model, Request(model, JsonConstraint.AnyObject, 200, seed));

            using var document = JsonDocument.Parse(completion.Text);
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
            Assert.Equal(FinishReason.Stop, completion.FinishReason);
            Assert.DoesNotContain(completion.Tokens, model.Manifest.EosTokenIds.Contains);
        }
    }

    [Theory]
    [InlineData(ModelsFixture.Gpt2Tiny)]
    [InlineData(ModelsFixture.LlamaTiny)]
    public async Task JsonSchema_OutputsValidate_WithEverySampledTokenLogprobFinite(string id)
    {
        Assert.True(models.Catalog.TryGetGeneration(id, out var model));
        var constraint = Documents.Schema(Person);
        for (var seed = 0; seed < 6; seed++)
        {
            var completion = await Completion.RunAsync(model, Request(model, constraint, 160, seed) with { TopLogprobs = 2 });

            SchemaValidation.AssertValid(Person, completion.Text, $"{id} seed {seed}");
            Assert.Equal(FinishReason.Stop, completion.FinishReason);
            var logprobs = completion.Chunks.SelectMany(c => c.Logprobs!).ToArray();
            Assert.Equal(completion.Tokens, logprobs.Select(l => l.TokenId));
            Assert.All(logprobs, l => Assert.True(float.IsFinite(l.Logprob) && l.Logprob <= 0f, $"token {l.TokenId}: {l.Logprob}"));
            Assert.All(logprobs.SelectMany(l => l.Top), a => Assert.True(float.IsFinite(a.Logprob), $"alternative {a.TokenId}: {a.Logprob}"));
        }
    }

    [Fact]
    public async Task Greedy_ConstrainedOutput_IsTheSameEveryTime()
    {
        var model = models.Generation;
        var constraint = Documents.Schema(Person);
        var request = new GenerationRequest(model.Tokenize("A person:"), 120, new SamplingParameters(Temperature: 0f), [], Constraint: constraint);

        var first = await Completion.RunAsync(model, request);
        var second = await Completion.RunAsync(model, request);

        SchemaValidation.AssertValid(Person, first.Text, "greedy");
        Assert.Equal(first.Text, second.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ToolCalls_NameADeclaredFunction_WhoseArgumentsValidate(bool allowMultiple)
    {
        var model = models.Generation;
        var schemas = new Dictionary<string, string>
        {
            ["get_weather"] = """{"type": "object", "properties": {"city": {"type": "string"}, "unit": {"enum": ["C", "F"]}}, "required": ["city", "unit"], "additionalProperties": false}""",
            ["add"] = """{"type": "object", "properties": {"a": {"type": "integer"}, "b": {"type": "integer", "minimum": -5, "maximum": 5}}, "required": ["a", "b"], "additionalProperties": false}""",
            ["ping"] = "{}",
        };
        var constraint = JsonConstraint.ForToolCalls(
            [.. schemas.Select(s => new ToolFunctionSchema(s.Key, s.Key == "ping" ? null : JsonDocument.Parse(s.Value).RootElement.Clone()))],
            allowMultiple);
        for (var seed = 0; seed < 6; seed++)
        {
            var completion = await Completion.RunAsync(model, Request(model, constraint, 300, seed));

            using var document = JsonDocument.Parse(completion.Text);
            var calls = allowMultiple ? [.. document.RootElement.EnumerateArray()] : new[] { document.RootElement };
            Assert.InRange(calls.Length, 1, 8);
            foreach (var call in calls)
            {
                Assert.Equal(["name", "arguments"], call.EnumerateObject().Select(p => p.Name));
                var name = call.GetProperty("name").GetString()!;
                Assert.Contains(name, schemas.Keys);
                SchemaValidation.AssertValid(schemas[name], call.GetProperty("arguments").GetRawText(), $"{name}, seed {seed}");
                Assert.Equal(name == "ping" ? JsonValueKind.Object : call.GetProperty("arguments").ValueKind, call.GetProperty("arguments").ValueKind);
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(8)]
    public async Task TightMaxTokens_JustEnoughForTheShortestDocument_StillCloseIt(int spare)
    {
        var model = models.Generation;
        var constraint = Documents.Schema(Person);
        var shortest = MatchState.Start(constraint.Root).ShortestCompletion().Length;
        for (var seed = 0; seed < 4; seed++)
        {
            var completion = await Completion.RunAsync(model, Request(model, constraint, shortest + spare, seed) with { TopLogprobs = 20 });

            SchemaValidation.AssertValid(Person, completion.Text, $"max_tokens {shortest + spare}, seed {seed}");
            Assert.Equal(FinishReason.Stop, completion.FinishReason);

            // Closing allows only a few tokens: the alternatives shown are those, never a refused one at −∞.
            var alternatives = completion.Chunks.SelectMany(c => c.Logprobs!).Select(l => l.Top).ToArray();
            Assert.All(alternatives.SelectMany(a => a), a => Assert.True(float.IsFinite(a.Logprob), $"alternative {a.TokenId}: {a.Logprob}"));
            Assert.Contains(alternatives, a => a.Count < 20);
        }
    }

    [Fact]
    public async Task MaxTokensBelowTheShortestDocument_IsTruncatedWithLength()
    {
        var model = models.Generation;
        var completion = await Completion.RunAsync(model, Request(model, Documents.Schema(Person), 5, seed: 1));

        Assert.Equal(FinishReason.Length, completion.FinishReason);
        Assert.Equal(5, completion.CompletionTokens);
        Assert.StartsWith("{", completion.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopSequence_StillEndsAConstrainedCompletion()
    {
        var model = models.Generation;
        var request = Request(model, Documents.Schema(Person), 160, seed: 3) with { StopSequences = ["\"name\""] };

        var completion = await Completion.RunAsync(model, request);

        Assert.Equal(("{", FinishReason.Stop), (completion.Text.Trim(), completion.FinishReason));
    }

    [Fact]
    public void Gpt2TokenBytes_SpellEachTokenAsItsTextDoes()
    {
        var model = models.Generation;
        var vocabulary = model.Vocabulary;
        var partial = 0;
        for (var id = 0; id < vocabulary.Size; id++)
        {
            var (text, bytes) = model.TokenText(id);
            if (bytes is not null && !model.Manifest.EosTokenIds.Contains(id))
            {
                Assert.Equal(bytes, vocabulary.TokenBytes[id]);
            }
            else if (bytes is null)
            {
                partial++;
                Assert.NotNull(vocabulary.TokenBytes[id]);
            }
        }

        Assert.InRange(partial, 1, 5000);
        Assert.Null(vocabulary.TokenBytes[50256]);
    }

    private static GenerationRequest Request(GenerationModel model, JsonConstraint constraint, int maxTokens, int seed) =>
        new(model.Tokenize("Reply with JSON:"), maxTokens, new SamplingParameters(Temperature: 1f, Seed: seed), [], Constraint: constraint);
}
