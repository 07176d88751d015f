using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Serialization;

namespace Serverless.OpenAI.Http;

/// <summary>Writes wire types and OpenAI error objects as HTTP responses.</summary>
public static class OpenAIResponses
{
    /// <summary>The content type of every JSON answer.</summary>
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>Writes <paramref name="value"/> as the JSON body with <paramref name="statusCode"/>.</summary>
    public static Task WriteJsonAsync<T>(HttpResponse response, int statusCode, T value, JsonTypeInfo<T> typeInfo)
    {
        response.StatusCode = statusCode;
        response.ContentType = JsonContentType;
        return JsonSerializer.SerializeAsync(response.Body, value, typeInfo, response.HttpContext.RequestAborted);
    }

    /// <summary>
    /// Writes an OpenAI error object with its status, unless the response has already started; either way the
    /// error becomes the request's <see cref="ApiError"/> feature, which the request log and metrics report.
    /// </summary>
    public static Task WriteErrorAsync(HttpResponse response, ApiError error)
    {
        response.HttpContext.Features.Set(error);
        if (response.HasStarted)
        {
            return Task.CompletedTask;
        }

        return WriteJsonAsync(response, error.StatusCode, new ErrorBody(error.Error), OpenAIJsonContext.Default.ErrorBody);
    }
}
