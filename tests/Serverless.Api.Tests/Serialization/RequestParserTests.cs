using System.Text;
using Serverless.OpenAI.Serialization;

namespace Serverless.Api.Tests.Serialization;

public sealed class RequestParserTests
{
    private static ParseResult<Serverless.OpenAI.Chat.ChatCompletionRequest> ParseChat(string json) =>
        RequestParser.Parse(Encoding.UTF8.GetBytes(json), OpenAIJsonContext.Default.ChatCompletionRequest);

    [Fact]
    public void Parse_WhenBodyIsNotJson_Returns400InvalidJsonWithoutParam()
    {
        var result = ParseChat("{\"model\": \"m\", ");

        Assert.False(result.Succeeded);
        Assert.Equal(400, result.Error.StatusCode);
        Assert.Equal("invalid_json", result.Error.Error.Code);
        Assert.Null(result.Error.Error.Param);
    }

    [Fact]
    public void Parse_WhenFieldHasWrongType_NamesTheField()
    {
        var result = ParseChat("""{"model":"m","messages":[{"role":"user","content":"hi"}],"temperature":"hot"}""");

        Assert.False(result.Succeeded);
        Assert.Equal("temperature", result.Error.Error.Param);
        Assert.Equal("invalid_type", result.Error.Error.Code);
        Assert.DoesNotContain("System.", result.Error.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenNestedFieldHasWrongType_NamesThePathToIt()
    {
        var result = ParseChat("""{"model":"m","messages":[{"role":"user","content":42}]}""");

        Assert.False(result.Succeeded);
        Assert.Equal("messages[0].content", result.Error.Error.Param);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    [InlineData("")]
    public void Parse_WhenBodyIsNotAnObject_Returns400(string body)
    {
        var result = ParseChat(body);

        Assert.False(result.Succeeded);
        Assert.Equal(400, result.Error.StatusCode);
    }

    [Fact]
    public void Parse_IgnoresUnknownFieldsOfAnyType()
    {
        var result = ParseChat("""{"model":"m","messages":[{"role":"user","content":"hi"}],"prediction":{"x":[1,2]},"store":true,"metadata":null}""");

        Assert.True(result.Succeeded);
        Assert.Equal("m", result.Value.Model);
    }

    [Fact]
    public void Parse_ReadsContentPartsAndStopAsStringOrArray()
    {
        var result = ParseChat("""{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}],"stop":"END"}""");

        Assert.True(result.Succeeded);
        Assert.Equal("ab", result.Value.Messages![0].Content);
        Assert.Equal(["END"], result.Value.Stop);
    }

    [Fact]
    public void Parse_WhenContentPartIsAnImage_NamesTheMessage()
    {
        var result = ParseChat("""{"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"x"}}]}]}""");

        Assert.False(result.Succeeded);
        Assert.Equal("messages[0].content", result.Error.Error.Param);
        Assert.Contains("only text", result.Error.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenPromptIsTokenArray_RefusesNamingPrompt()
    {
        var result = RequestParser.Parse("""{"model":"m","prompt":[1,2,3]}"""u8, OpenAIJsonContext.Default.CompletionRequest);

        Assert.False(result.Succeeded);
        Assert.StartsWith("prompt", result.Error.Error.Param, StringComparison.Ordinal);
    }
}
