using Microsoft.AspNetCore.Http;

namespace Serverless.Api.Routing;

/// <summary>Answers one route: reads the request from the context and writes the response to it.</summary>
public interface IApiHandler
{
    /// <summary>Handles one request; expected failures are written as OpenAI errors, not thrown.</summary>
    Task HandleAsync(HttpContext context);
}
