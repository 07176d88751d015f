using Microsoft.AspNetCore.Http;
using Serverless.Api.Pipeline;

namespace Serverless.Api.Tests.Pipeline;

public sealed class RequestIdsTests
{
    [Fact]
    public void Assign_KeepsAWellFormedCallerId()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[RequestIds.Header] = "caller-123_abc.1";

        var id = RequestIds.Assign(context);

        Assert.Equal("caller-123_abc.1", id);
        Assert.Equal(id, context.Response.Headers[RequestIds.Header]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("line\r\nbreak")]
    [InlineData("<script>")]
    public void Assign_ReplacesAnIdThatCouldInjectIntoLogsOrHeaders(string incoming)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[RequestIds.Header] = incoming;

        var id = RequestIds.Assign(context);

        Assert.StartsWith("req-", id, StringComparison.Ordinal);
        Assert.Equal(28, id.Length);
    }
}
