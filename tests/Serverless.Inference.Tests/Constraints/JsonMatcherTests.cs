using System.Text;
using System.Text.Json;

namespace Serverless.Inference.Tests.Constraints;

public sealed class JsonMatcherTests
{
    private const string Person = """
        {"type": "object", "additionalProperties": false, "required": ["name", "age"],
         "properties": {"name": {"type": "string"}, "nickname": {"type": "string"}, "age": {"type": "integer", "minimum": 0, "maximum": 150}}}
        """;

    [Theory]
    [InlineData("""{"name":"Ada","age":36}""")]
    [InlineData("""{ "name" : "Ada" , "nickname": "A\n\u00e9\ud7ff", "age": 0 }""")]
    [InlineData("""{"name":"Zoë 🙂","age":150}""")]
    public void Object_InSchemaOrder_IsAccepted(string document) =>
        Assert.True(Documents.Accepts(Documents.Schema(Person), document));

    [Theory]
    [InlineData("""{"age":36,"name":"Ada"}""")] // out of schema order
    [InlineData("""{"name":"Ada"}""")] // required age missing
    [InlineData("""{"name":"Ada","age":151}""")] // above maximum
    [InlineData("""{"name":"Ada","age":-1}""")] // below minimum
    [InlineData("""{"name":"Ada","age":3.5}""")] // not an integer
    [InlineData("""{"name":"Ada","age":36,"x":1}""")] // additionalProperties false
    [InlineData("""{"name":"Ada","name":"Bob","age":1}""")] // duplicate key
    [InlineData("""{"name":"A\ud800","age":1}""")] // lone surrogate escape
    [InlineData("{\"name\":\"A\tB\",\"age\":1}")] // raw control character
    [InlineData("""{"name":"Ada","age":36}x""")] // trailing bytes
    public void Object_OutsideTheSchema_IsRefused(string document) =>
        Assert.False(Documents.Accepts(Documents.Schema(Person), document));

    [Fact]
    public void EmptyStrictObject_OpensNoKey()
    {
        var constraint = Documents.Schema("""{"type": "object", "properties": {}, "additionalProperties": false}""");
        Assert.True(Documents.Accepts(constraint, "{}"));
        Assert.False(Documents.AcceptsPrefix(constraint, "{\""));
    }

    [Fact]
    public void DeclaredNames_NeedingEscapes_AreWrittenEscaped()
    {
        var constraint = Documents.Schema("""{"type": "object", "properties": {"q\"uote": {"type": "integer"}, "back\\slash": {"type": "integer"}}}""");
        Assert.True(Documents.Accepts(constraint, """{"q\"uote":1,"back\\slash":2,"free":3}"""));
        Assert.False(Documents.AcceptsPrefix(constraint, """{"q\"x"""));
        Assert.False(Documents.AcceptsPrefix(constraint, """{"fr\n"""));
    }

    [Fact]
    public void Strings_RefuseMalformedUtf8()
    {
        var constraint = Documents.Schema("""{"type": "string"}""");
        Assert.True(Documents.Accepts(constraint, [.. "\"é\""u8]));
        Assert.False(Documents.Accepts(constraint, [(byte)'"', 0xC0, 0xAF, (byte)'"'])); // overlong
        Assert.False(Documents.Accepts(constraint, [(byte)'"', 0xED, 0xA0, 0x80, (byte)'"'])); // encoded surrogate
        Assert.False(Documents.Accepts(constraint, [(byte)'"', 0xE2, 0x82, (byte)'"'])); // cut short
    }

    [Fact]
    public void Whitespace_IsBoundedBetweenTokens()
    {
        var constraint = JsonConstraint.AnyObject;
        Assert.True(Documents.AcceptsPrefix(constraint, "{" + new string(' ', 20)));
        Assert.False(Documents.AcceptsPrefix(constraint, "{" + new string(' ', 21)));
    }

    [Theory]
    [InlineData("""{"type": "number", "minimum": 0.5, "exclusiveMaximum": 2}""", "1.25", "2")]
    [InlineData("""{"type": "integer", "exclusiveMinimum": -3, "maximum": 12}""", "-2", "-3")]
    [InlineData("""{"type": "number"}""", "-0.5e+12", "01")]
    [InlineData("""{"enum": ["red", 1, 12, null, {"a": [true]}]}""", "12", "2")]
    [InlineData("""{"const": {"a": [true]}}""", """{"a":[true]}""", """{"a":[false]}""")]
    [InlineData("""{"type": ["string", "null"]}""", "null", "nul")]
    public void Scalars_FollowTheirKeywords(string schema, string accepted, string refused)
    {
        var constraint = Documents.Schema(schema);
        Assert.True(Documents.Accepts(constraint, accepted));
        Assert.False(Documents.Accepts(constraint, refused));
    }

    [Fact]
    public void AnyOf_KeepsEveryOptionOpenUntilTheBytesDecide()
    {
        var constraint = Documents.Schema("""
            {"anyOf": [
              {"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"], "additionalProperties": false},
              {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "boolean"}}, "required": ["a", "b"], "additionalProperties": false}]}
            """);
        Assert.True(Documents.Accepts(constraint, """{"a":1}"""));
        Assert.True(Documents.Accepts(constraint, """{"a":"x","b":true}"""));
        Assert.False(Documents.Accepts(constraint, """{"a":1,"b":true}"""));
    }

    [Fact]
    public void RecursiveReference_NestsThroughTheDefinitions()
    {
        var constraint = Documents.Schema("""
            {"$ref": "#/$defs/node", "$defs": {"node": {"type": "object", "additionalProperties": false, "required": ["v", "kids"],
              "properties": {"v": {"type": "integer"}, "kids": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}}}
            """);
        Assert.True(Documents.Accepts(constraint, """{"v":1,"kids":[{"v":2,"kids":[]},{"v":3,"kids":[{"v":4,"kids":[]}]}]}"""));
        Assert.False(Documents.Accepts(constraint, """{"v":1,"kids":[{"v":2}]}"""));
    }

    [Theory]
    [InlineData("")]
    [InlineData("""{"na""")]
    [InlineData("""{"name":"Ad""")]
    [InlineData("""{"name":"A\u00""")]
    [InlineData("""{"name":"Ada","nick""")]
    [InlineData("""{"name":"Ada", """)]
    [InlineData("""{"name":"Ada","age":1""")]
    public void ShortestCompletion_ClosesAnyPrefixIntoAValidDocument(string prefix)
    {
        var constraint = Documents.Schema(Person);
        var document = Documents.Completed(constraint, prefix);
        Assert.True(Documents.Accepts(constraint, document), document);
        using var parsed = JsonDocument.Parse(document);
        Assert.Equal(JsonValueKind.Number, parsed.RootElement.GetProperty("age").ValueKind);
    }

    [Fact]
    public void ShortestCompletion_OfABoundedNumber_LandsInItsRange()
    {
        var constraint = Documents.Schema("""{"type": "array", "minItems": 2, "items": {"type": "number", "minimum": 123.25, "maximum": 124}}""");
        var document = Documents.Completed(constraint, "[12");
        Assert.True(Documents.Accepts(constraint, document), document);
        Assert.Equal(Encoding.UTF8.GetByteCount(document), document.Length);
    }
}
