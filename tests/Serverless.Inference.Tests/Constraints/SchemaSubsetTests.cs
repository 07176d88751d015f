using System.Text.Json;

namespace Serverless.Inference.Tests.Constraints;

public sealed class SchemaSubsetTests
{
    [Theory]
    [InlineData("""{"type": "string", "pattern": "^a"}""", "pattern", "#")]
    [InlineData("""{"type": "object", "properties": {"age": {"type": "integer", "multipleOf": 2}}}""", "multipleOf", "#/properties/age")]
    [InlineData("""{"type": "object", "properties": {"when": {"type": "string", "format": "date-time"}}}""", "format", "#/properties/when")]
    [InlineData("""{"type": "array", "items": {"oneOf": [{"type": "string"}]}}""", "oneOf", "#/items")]
    [InlineData("""{"$defs": {"a": {"type": "string", "minLength": 2}}, "$ref": "#/$defs/a"}""", "minLength", "#/$defs/a")]
    [InlineData("""{"type": "object", "patternProperties": {"^x": {}}}""", "patternProperties", "#")]
    [InlineData("""{"allOf": [{"type": "string"}]}""", "allOf", "#")]
    [InlineData("""{"type": "array", "uniqueItems": true}""", "uniqueItems", "#")]
    [InlineData("""{"$ref": "https://example.com/schema.json"}""", "$ref", "#")]
    [InlineData("""{"type": "object", "required": ["ghost"], "properties": {}}""", "required", "#")]
    public void UnsupportedKeyword_IsRefusedWithItsNameAndPath(string schema, string keyword, string path)
    {
        var error = Assert.Throws<UnsupportedSchemaException>(() => Documents.Schema(schema));
        Assert.Equal(keyword, error.Keyword);
        Assert.Equal(path, error.Path);
        Assert.Contains(keyword, error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToolParameters_WithAnUnsupportedKeyword_NameTheFunction()
    {
        var parameters = JsonDocument.Parse("""{"type": "object", "properties": {"q": {"type": "string", "maxLength": 3}}}""").RootElement;
        var error = Assert.Throws<UnsupportedSchemaException>(() => JsonConstraint.ForToolCalls([new ToolFunctionSchema("search", parameters)], allowMultiple: false));
        Assert.Equal(("maxLength", "#/properties/q"), (error.Keyword, error.Path));
        Assert.Contains("search", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RecursionWithNoWayOut_IsRefused()
    {
        var error = Assert.Throws<UnsupportedSchemaException>(() => Documents.Schema("""
            {"type": "object", "required": ["next"], "properties": {"next": {"$ref": "#"}}}
            """));
        Assert.Equal("$ref", error.Keyword);
    }

    [Fact]
    public void AnnotationsAndEmptySchemas_AreAccepted()
    {
        var constraint = Documents.Schema("""
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "t", "description": "d", "$comment": "c", "strict": true,
             "type": "object", "properties": {"anything": {}, "also": true, "x": {"type": "integer", "default": 1, "examples": [2], "deprecated": true, "readOnly": true, "writeOnly": false}}}
            """);
        Assert.True(Documents.Accepts(constraint, """{"anything":[1,{"k":null}],"also":"s","x":3,"free":{}}"""));
    }

    [Fact]
    public void ToolCalls_KeyTheArgumentsSchemaByTheName()
    {
        var weather = JsonDocument.Parse("""{"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"], "additionalProperties": false}""").RootElement;
        var add = JsonDocument.Parse("""{"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"], "additionalProperties": false}""").RootElement;
        ToolFunctionSchema[] functions = [new("weather", weather), new("add", add), new("anything", null)];
        var one = JsonConstraint.ForToolCalls(functions, allowMultiple: false);
        var many = JsonConstraint.ForToolCalls(functions, allowMultiple: true);

        Assert.True(Documents.Accepts(one, """{"name":"weather","arguments":{"city":"Oslo"}}"""));
        Assert.True(Documents.Accepts(one, """{"name":"anything","arguments":{"k":[1]}}"""));
        Assert.False(Documents.Accepts(one, """{"name":"add","arguments":{"city":"Oslo"}}"""));
        Assert.False(Documents.Accepts(one, """{"arguments":{"a":1},"name":"add"}"""));
        Assert.False(Documents.Accepts(one, """{"name":"mul","arguments":{"a":1}}"""));
        Assert.True(Documents.Accepts(many, """[{"name":"add","arguments":{"a":1}},{"name":"weather","arguments":{"city":"x"}}]"""));
        Assert.False(Documents.Accepts(many, "[]"));
        Assert.False(Documents.Accepts(many, "[" + string.Join(",", Enumerable.Repeat("""{"name":"add","arguments":{"a":1}}""", 9)) + "]"));
    }
}
