using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Serverless.Api.Caching;
using Serverless.Api.Quotas;
using Serverless.Api.Routing;
using Serverless.OpenAI.Chat;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Models;
using Serverless.OpenAI.Serialization;
using Serverless.OpenAI.Validation;

namespace Serverless.Api.Chat;

/// <summary><c>POST /v1/chat/completions</c>, its alias <c>/v1/chat</c> and the always-streaming <c>/v1/streaming/chat</c>; the async route derives from it to share the validation and estimate.</summary>
internal class ChatCompletionsHandler(ForwardingServices services)
    : ForwardingHandler<ChatCompletionRequest>(services)
{
    protected override JsonTypeInfo<ChatCompletionRequest> TypeInfo => OpenAIJsonContext.Default.ChatCompletionRequest;

    public override string WorkerPath => "v1/chat/completions";

    protected override string Capability => "chat completions";

    protected override ChatCompletionRequest Normalize(ChatCompletionRequest request, HttpContext context) =>
        ApiRoutes.IsStreamingAlias(context.Request.Path) ? request with { Stream = true } : request;

    protected override ApiError? Validate(ChatCompletionRequest request) => RequestValidator.Validate(request);

    protected override string ModelOf(ChatCompletionRequest request) => request.Model!;

    protected override ChatCompletionRequest WithModel(ChatCompletionRequest request, string model) => request with { Model = model };

    protected override string? UserOf(ChatCompletionRequest request) => request.User;

    protected override ChatCompletionRequest? CacheableForm(ChatCompletionRequest request) =>
        Determinism.IsCacheable(request) ? request with { User = null, Stream = null, StreamOptions = null } : null;

    protected override bool IsCapable(ModelCapabilities capabilities) => capabilities.Chat;

    /// <summary>Tokens allowed for a chat template's markers per message, and once more for the answer's opening.</summary>
    internal const int TemplateAllowance = 32;

    /// <summary>Tokens allowed for the text a template writes around the tools it is given (the built-in one's is about 330 bytes).</summary>
    internal const int ToolsAllowance = 512;

    protected override TokenEstimate Estimate(ChatCompletionRequest request, Model model)
    {
        // Each message also costs its role and the chat template's markers, and the template opens the answer: as
        // bytes, ChatML's markers are 24 per message and 22 at the end. Tools are written as their JSON, and earlier
        // calls as their name and arguments. The worker refuses a prompt over the bound.
        var context = model.ContextLength;
        var messages = request.Messages!.Sum(m =>
            TokenEstimate.ForText(m.Content ?? string.Empty, context) + TokenEstimate.ForText(m.Role ?? string.Empty, context) + TemplateAllowance
            + (m.ToolCalls?.Sum(c => TokenEstimate.ForText((c.Function?.Name ?? string.Empty) + c.Function?.Arguments, context) + TemplateAllowance) ?? 0));
        var tools = request.Tools is { Count: > 0 } offered && request.ToolChoice?.Mode != ToolChoice.None
            ? ToolsAllowance + offered.Sum(t => TokenEstimate.ForText(JsonSerializer.Serialize(t, OpenAIJsonContext.Default.ChatTool), context) + TemplateAllowance)
            : 0;
        var prompt = Math.Min(context, TemplateAllowance + messages + tools);
        var completion = request.MaxOutputTokens ?? Math.Max(1, context - prompt);
        return new(prompt, completion * (request.N ?? 1));
    }
}
