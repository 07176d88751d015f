using Serverless.OpenAI.Chat;
using Serverless.OpenAI.Common;
using Serverless.OpenAI.Completions;
using Serverless.OpenAI.Embeddings;
using Serverless.OpenAI.Validation;

namespace Serverless.Api.Tests.Validation;

public sealed class RequestValidatorTests
{
    private static readonly ChatCompletionRequest ValidChat = new()
    {
        Model = "m",
        Messages = [new ChatMessage { Role = "user", Content = "hello" }],
    };

    [Fact]
    public void Validate_AcceptsAMinimalChatRequest() => Assert.Null(RequestValidator.Validate(ValidChat));

    public static TheoryData<ChatCompletionRequest, string> InvalidChats => new()
    {
        { ValidChat with { Model = null }, "model" },
        { ValidChat with { Messages = [] }, "messages" },
        { ValidChat with { Temperature = 2.5 }, "temperature" },
        { ValidChat with { Temperature = -0.1 }, "temperature" },
        { ValidChat with { TopP = 1.5 }, "top_p" },
        { ValidChat with { TopK = -1 }, "top_k" },
        { ValidChat with { FrequencyPenalty = 3 }, "frequency_penalty" },
        { ValidChat with { PresencePenalty = -3 }, "presence_penalty" },
        { ValidChat with { N = 0 }, "n" },
        { ValidChat with { N = 17 }, "n" },
        { ValidChat with { MaxTokens = 0 }, "max_tokens" },
        { ValidChat with { MaxCompletionTokens = -5 }, "max_completion_tokens" },
        { ValidChat with { Stop = ["a", "b", "c", "d", "e"] }, "stop" },
        { ValidChat with { Stop = [""] }, "stop" },
        { ValidChat with { StreamOptions = new StreamOptions(true) }, "stream_options" },
        { ValidChat with { Messages = [new ChatMessage { Role = "wizard", Content = "x" }] }, "messages[0].role" },
        { ValidChat with { Messages = [new ChatMessage { Role = "user" }] }, "messages[0].content" },
        { ValidChat with { Messages = [new ChatMessage { Role = "assistant", Content = "only me" }] }, "messages" },
        { ValidChat with { Logprobs = true, TopLogprobs = 21 }, "top_logprobs" },
        { ValidChat with { Logprobs = true, TopLogprobs = -1 }, "top_logprobs" },
        { ValidChat with { TopLogprobs = 2 }, "top_logprobs" },
    };

    [Fact]
    public void Validate_AcceptsLogprobsWithUpTo20Alternatives_AndCompletionsUpTo5()
    {
        Assert.Null(RequestValidator.Validate(ValidChat with { Logprobs = true, TopLogprobs = 20 }));
        Assert.Null(RequestValidator.Validate(new CompletionRequest { Model = "m", Prompt = ["x"], Logprobs = 5 }));
        Assert.Equal("logprobs", RequestValidator.Validate(new CompletionRequest { Model = "m", Prompt = ["x"], Logprobs = 6 })?.Error.Param);
    }

    [Theory]
    [MemberData(nameof(InvalidChats))]
    public void Validate_WhenChatParameterIsOutOfRange_Returns400NamingIt(ChatCompletionRequest request, string param)
    {
        var error = RequestValidator.Validate(request);

        Assert.NotNull(error);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal(param, error.Error.Param);
        Assert.Equal("invalid_request_error", error.Error.Type);
    }

    [Fact]
    public void Validate_WhenCompletionPromptIsEmpty_NamesPrompt()
    {
        var error = RequestValidator.Validate(new CompletionRequest { Model = "m", Prompt = [""] });

        Assert.Equal("prompt", error?.Error.Param);
    }

    [Fact]
    public void Validate_WhenPromptsTimesChoicesIsTooMany_NamesN()
    {
        var error = RequestValidator.Validate(new CompletionRequest { Model = "m", Prompt = ["a", "b", "c"], N = 6 });

        Assert.Equal("n", error?.Error.Param);
    }

    [Theory]
    [InlineData("float", null)]
    [InlineData("base64", null)]
    [InlineData("hex", "encoding_format")]
    public void Validate_ChecksEmbeddingEncodingFormat(string format, string? param)
    {
        var error = RequestValidator.Validate(new EmbeddingRequest { Model = "m", Input = ["x"], EncodingFormat = format });

        Assert.Equal(param, error?.Error.Param);
    }

    [Fact]
    public void Validate_WhenEmbeddingInputIsMissing_NamesInput()
    {
        var error = RequestValidator.Validate(new EmbeddingRequest { Model = "m" });

        Assert.Equal("input", error?.Error.Param);
        Assert.Equal("missing_required_parameter", error?.Error.Code);
    }
}
