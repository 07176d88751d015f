using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Serverless.Api.Models;
using Serverless.Api.Pipeline;
using Serverless.Api.Routing;
using Serverless.Api.Worker;
using Serverless.OpenAI.Chat;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Models;
using Serverless.OpenAI.Serialization;
using Serverless.OpenAI.Validation;

namespace Serverless.Api.Chat;

/// <summary><c>POST /v1/chat/completions</c>, its alias <c>/v1/chat</c> and the always-streaming <c>/v1/streaming/chat</c>.</summary>
internal sealed class ChatCompletionsHandler(ModelRegistry registry, WorkerRelay relay, IOptions<ApiOptions> options)
    : ForwardingHandler<ChatCompletionRequest>(registry, relay, options)
{
    protected override JsonTypeInfo<ChatCompletionRequest> TypeInfo => OpenAIJsonContext.Default.ChatCompletionRequest;

    protected override string WorkerPath => "v1/chat/completions";

    protected override string Capability => "chat completions";

    protected override ChatCompletionRequest Normalize(ChatCompletionRequest request, HttpContext context) =>
        ApiRoutes.IsStreamingAlias(context.Request.Path) ? request with { Stream = true } : request;

    protected override ApiError? Validate(ChatCompletionRequest request) => RequestValidator.Validate(request);

    protected override string ModelOf(ChatCompletionRequest request) => request.Model!;

    protected override bool IsCapable(ModelCapabilities capabilities) => capabilities.Chat;
}
