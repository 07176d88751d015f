using System.Text.Json;
using Json.Schema;

namespace Serverless.Inference.Tests.Constraints;

/// <summary>Checks outputs with JsonSchema.Net: a validator that is not ours.</summary>
internal static class SchemaValidation
{
    /// <summary>Fails, quoting the schema, the seed and the output, unless the output is one JSON document valid against the schema.</summary>
    public static void AssertValid(string schema, string output, string context)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(output);
        }
        catch (JsonException e)
        {
            Assert.Fail($"Not JSON ({e.Message}) for {context}\nschema: {schema}\noutput: {output}");
            return;
        }

        using (document)
        {
            var results = JsonSchema.FromText(schema).Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (!results.IsValid)
            {
                var errors = string.Join("; ", (results.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
                Assert.Fail($"Invalid ({errors}) for {context}\nschema: {schema}\noutput: {output}");
            }
        }
    }
}
