using Microsoft.AspNetCore.Http;
using Serverless.Api.Chat;
using Serverless.Api.Routing;
using Serverless.OpenAI.Chat;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;
using Serverless.OpenAI.Serialization;

namespace Serverless.Api.Jobs.Http;

/// <summary><c>POST /v1/async/chat/completions</c>: the chat route's validation and admission, then a job instead of a call.</summary>
internal sealed class AsyncChatCompletionsHandler(ForwardingServices services, JobSubmitter submitter) : ChatCompletionsHandler(services)
{
    private readonly ForwardingServices forwarding = services;

    public override async Task HandleAsync(HttpContext context)
    {
        if (await submitter.ReadFieldsAsync(context, forwarding.Api.Value.MaxRequestBodyBytes) is { } error)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, error);
            return;
        }

        await base.HandleAsync(context);
    }

    /// <summary>A job runs on the worker, which knows only its own models.</summary>
    protected override bool RoutesThroughCatalog => false;

    protected override ChatCompletionRequest Normalize(ChatCompletionRequest request, HttpContext context) => request;

    protected override ApiError? Validate(ChatCompletionRequest request) =>
        request.Stream == true ? JobErrors.StreamNotSupported : base.Validate(request);

    protected override Task ServeAsync(HttpContext context, AdmittedRequest<ChatCompletionRequest> admitted) =>
        submitter.SubmitAsync(context, admitted, OpenAIJsonContext.Default.ChatCompletionRequest, WorkerPath);
}
