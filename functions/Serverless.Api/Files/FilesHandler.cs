using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Serverless.Api.Auth;
using Serverless.Api.Routing;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Files;

/// <summary>
/// <c>/v1/files</c>: <c>POST</c> uploads a file (<c>multipart/form-data</c>: <c>file</c> and <c>purpose</c>, which
/// must be <c>batch</c>) up to <see cref="FilesOptions.MaxUploadBytes"/>; <c>GET</c> lists the caller's owner's
/// files, newest first (<c>purpose</c>, <c>limit</c>, <c>after</c>).
/// </summary>
internal sealed class FilesHandler(FileStore files, IOptions<FilesOptions> options) : IApiHandler
{
    /// <summary>The purpose of an uploaded batch input.</summary>
    public const string BatchPurpose = "batch";

    public Task HandleAsync(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) ? UploadAsync(context) : ListAsync(context);

    private async Task UploadAsync(HttpContext context)
    {
        var caller = context.Features.GetRequiredFeature<Caller>();
        var request = context.Request;
        var limit = options.Value.MaxUploadBytes;
        if (request.ContentLength > limit)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, FileErrors.TooLarge(limit));
            return;
        }

        if (!request.HasFormContentType)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, FileErrors.NotMultipart);
            return;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit }, context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, FileErrors.TooLarge(limit));
            return;
        }

        var purpose = form["purpose"].ToString();
        if (form.Files.GetFile("file") is not { } file)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, FileErrors.NotMultipart);
            return;
        }

        if (purpose != BatchPurpose)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, FileErrors.BadPurpose(purpose));
            return;
        }

        var name = Path.GetFileName(file.FileName);
        await using var content = file.OpenReadStream();
        var row = await files.AddAsync(caller.Owner, name.Length > 0 ? name : "upload.jsonl", purpose, content, context.RequestAborted);
        await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, FileObject.Of(row), FilesJsonContext.Default.FileObject);
    }

    private async Task ListAsync(HttpContext context)
    {
        var caller = context.Features.GetRequiredFeature<Caller>();
        var query = context.Request.Query;
        var ((limit, after), pageError) = PageQuery.Read(query, options.Value.MaxPageSize, options.Value.MaxPageSize, FileIds.IsWellFormed, "a file");
        if (pageError is not null)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, pageError);
            return;
        }

        string? purpose = query["purpose"] is [{ Length: > 0 } asked] ? asked : null;
        var rows = await files.ListAsync(caller.Owner, purpose, after, limit + 1, context.RequestAborted);
        var page = rows.Take(limit).Select(FileObject.Of).ToList();
        var list = new FileList(page, page.FirstOrDefault()?.Id, page.LastOrDefault()?.Id, rows.Count > limit);
        await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, list, FilesJsonContext.Default.FileList);
    }
}
