using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Serverless.Api.Auth;
using Serverless.Api.Routing;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Files;

/// <summary><c>GET /v1/files/{id}/content</c>: the file's bytes, streamed from storage. Another owner's file is a 404.</summary>
internal sealed class FileContentHandler(FileStore files) : IApiHandler
{
    public async Task HandleAsync(HttpContext context)
    {
        var caller = context.Features.GetRequiredFeature<Caller>();
        var id = FilePaths.FileId(context.Request.Path.Value ?? string.Empty);
        if (await files.GetAsync(caller.Owner, id, context.RequestAborted) is not { } file)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, FileErrors.NotFound(id));
            return;
        }

        await using var content = await files.OpenReadAsync(file, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = file.Bytes;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{file.Filename.Replace("\"", string.Empty, StringComparison.Ordinal)}\"";
        await content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
