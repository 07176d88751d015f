using Microsoft.AspNetCore.Http;

namespace Serverless.Api.Telemetry;

/// <summary>
/// What a handler learns about its request that the pipeline's log line, metrics and span report when the request
/// ends: the model and the tokens. The pipeline puts one on <see cref="HttpContext.Features"/>; handlers fill it in.
/// </summary>
public sealed class RequestTelemetry(DateTimeOffset receivedAt)
{
    // A model name comes from the caller until it resolves: bounded, so a log line cannot be made huge.
    private const int MaxModelLength = 256;

    // OpenAI's own bound on the body's user field; a longer one is cut, not refused (the log is no validator).
    private const int MaxUserLength = 256;

    private bool resolved;

    /// <summary>When the request arrived.</summary>
    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    /// <summary>The resolved model id, else the name the request gave, else null.</summary>
    public string? Model { get; private set; }

    /// <summary>The model as a metric label: only a resolved id (callers' names would make unbounded series), else empty.</summary>
    public string ModelLabel => resolved ? Model! : string.Empty;

    /// <summary>The request body's <c>user</c> field (the caller's end user, as OpenAI's API takes it), when one was sent.</summary>
    public string? User { get; private set; }

    /// <summary>Prompt tokens of the answer (for a stream: as of the last event delivered).</summary>
    public int PromptTokens { get; private set; }

    /// <summary>Completion tokens of the answer (for a stream: as of the last event delivered).</summary>
    public int CompletionTokens { get; private set; }

    /// <summary>The telemetry of <paramref name="context"/>'s request, if the pipeline is serving it.</summary>
    public static RequestTelemetry? Of(HttpContext context) => context.Features.Get<RequestTelemetry>();

    /// <summary>The request named <paramref name="model"/>; not yet known to exist.</summary>
    public void ModelRequested(string? model)
    {
        if (!resolved && model is not null)
        {
            Model = model.Length > MaxModelLength ? model[..MaxModelLength] : model;
        }
    }

    /// <summary>The request's body named its end user <paramref name="user"/> (null or empty: it named none).</summary>
    public void UserSent(string? user)
    {
        if (!string.IsNullOrEmpty(user))
        {
            User = user.Length > MaxUserLength ? user[..MaxUserLength] : user;
        }
    }

    /// <summary>The request resolved to the model <paramref name="id"/>.</summary>
    public void ModelResolved(string id)
    {
        Model = id;
        resolved = true;
    }

    /// <summary>The answer's token counts.</summary>
    public void Tokens(int prompt, int completion)
    {
        PromptTokens = prompt;
        CompletionTokens = completion;
    }
}
