using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Serverless.Api.Auth;
using Serverless.Api.Routing;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Files;

/// <summary>
/// <c>/v1/files/{id}</c>: <c>GET</c> answers the file object, <c>DELETE</c> deletes it; <c>GET /v1/files/{id}/content</c>
/// streams its bytes from storage. Another owner's file is a 404.
/// </summary>
internal sealed class FileHandler(FileStore files) : IApiHandler
{
    private const string Prefix = "/v1/files/";

    public async Task HandleAsync(HttpContext context)
    {
        var caller = context.Features.GetRequiredFeature<Caller>();
        var path = context.Request.Path.Value ?? string.Empty;
        var id = PathIds.After(path, Prefix);
        if (await files.GetAsync(caller.Owner, id, context.RequestAborted) is not { } file)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, FileErrors.NotFound(id));
            return;
        }

        if (HttpMethods.IsDelete(context.Request.Method))
        {
            await files.DeleteAsync(file, CancellationToken.None);
            await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, new FileDeleted(id, true), FilesJsonContext.Default.FileDeleted);
            return;
        }

        if (path.EndsWith("/content", StringComparison.Ordinal))
        {
            await WriteContentAsync(context.Response, file, context.RequestAborted);
            return;
        }

        await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, FileObject.Of(file), FilesJsonContext.Default.FileObject);
    }

    /// <summary>The file's bytes, streamed from storage.</summary>
    private async Task WriteContentAsync(HttpResponse response, FileEntity file, CancellationToken cancellationToken)
    {
        await using var content = await files.OpenReadAsync(file, cancellationToken);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/octet-stream";
        response.ContentLength = file.Bytes;
        response.Headers.ContentDisposition = $"attachment; filename=\"{file.Filename.Replace("\"", string.Empty, StringComparison.Ordinal)}\"";
        await content.CopyToAsync(response.Body, cancellationToken);
    }
}
