using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Serverless.Api.Auth;
using Serverless.Api.Routing;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Files;

/// <summary><c>/v1/files/{id}</c>: <c>GET</c> answers the file object, <c>DELETE</c> deletes it. Another owner's file is a 404.</summary>
internal sealed class FileHandler(FileStore files) : IApiHandler
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

        if (HttpMethods.IsDelete(context.Request.Method))
        {
            await files.DeleteAsync(file, CancellationToken.None);
            await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, new FileDeleted(id, true), FilesJsonContext.Default.FileDeleted);
            return;
        }

        await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, FileObject.Of(file), FilesJsonContext.Default.FileObject);
    }
}
