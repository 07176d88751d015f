using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
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

    protected override bool IsCapable(ModelCapabilities capabilities) => capabilities.Chat;

    /// <summary>Tokens allowed for a chat template's markers per message, and once more for the answer's opening.</summary>
    internal const int TemplateAllowance = 32;

    protected override TokenEstimate Estimate(ChatCompletionRequest request, Model model)
    {
        // Each message also costs its role and the chat template's markers, and the template opens the answer: as
        // bytes, ChatML's markers are 24 per message and 22 at the end. The worker refuses a prompt over the bound.
        var prompt = Math.Min(
            model.ContextLength,
            TemplateAllowance + request.Messages!.Sum(m => TokenEstimate.ForText(m.Content ?? string.Empty, model.ContextLength) + TokenEstimate.ForText(m.Role ?? string.Empty, model.ContextLength) + TemplateAllowance));
        var completion = request.MaxOutputTokens ?? Math.Max(1, model.ContextLength - prompt);
        return new(prompt, completion * (request.N ?? 1));
    }
}
