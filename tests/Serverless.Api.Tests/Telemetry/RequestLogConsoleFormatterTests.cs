using Serverless.Api.Telemetry;

namespace Serverless.Api.Tests.Telemetry;

public sealed class RequestLogConsoleFormatterTests
{
    [Fact]
    public void ToJson_WritesTheFieldsInTheTemplatesOrder_WithTypesKept_AndWithoutTheTemplate()
    {
        KeyValuePair<string, object?>[] fields =
        [
            new("error", null),
            new("processing_time_ms", 1.5),
            new("input_tokens", 12),
            new("model", "模型 \"x\""),
            new("request_id", "req-1"),
            new("{OriginalFormat}", "Request {request_id} for {model}: {input_tokens} tokens in {processing_time_ms} ms, error {error}"),
        ];

        var json = RequestLogConsoleFormatter.ToJson(fields);

        Assert.Equal("""{"request_id":"req-1","model":"模型 \"x\"","input_tokens":12,"processing_time_ms":1.5,"error":null}""", json);
    }
}
