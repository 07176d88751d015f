namespace Serverless.EndToEnd.Tests.Fuzz;

/// <summary>One generated request: what to send, and a short description to name it in a failure.</summary>
internal sealed record FuzzRequest(string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[]? Body, string? ContentType, string Description)
{
    /// <summary>Builds the HTTP request (headers added without validation, as a hostile client would send them).</summary>
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Path);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            message.Content.Headers.Remove("Content-Type");
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }
}
