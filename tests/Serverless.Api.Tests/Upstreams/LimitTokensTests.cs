using System.Text.Json.Nodes;
using Serverless.Api.Upstreams;

namespace Serverless.Api.Tests.Upstreams;

public sealed class LimitTokensTests
{
    private static JsonObject Limited(string json, long completionTokens)
    {
        var payload = JsonNode.Parse(json)!.AsObject();
        UpstreamRelay.LimitTokens(payload, completionTokens);
        return payload;
    }

    [Fact]
    public void LimitTokens_WithoutAMaximum_GivesEachChoiceItsShareOfTheAdmittedTokens()
    {
        var payload = Limited("""{"model":"m","messages":[],"n":2}""", completionTokens: 100);

        Assert.Equal(50, (int)payload["max_tokens"]!);
    }

    [Fact]
    public void LimitTokens_KeepsASmallerAskedMaximum_AsMaxTokens()
    {
        var payload = Limited("""{"model":"m","messages":[],"max_completion_tokens":10}""", completionTokens: 100);

        Assert.Equal(10, (int)payload["max_tokens"]!);
        Assert.False(payload.ContainsKey("max_completion_tokens"));
    }

    [Fact]
    public void LimitTokens_AsksAStreamForItsUsage_SoItCanBeBilled()
    {
        var payload = Limited("""{"model":"m","prompt":"hi","stream":true,"stream_options":{"include_usage":false}}""", completionTokens: 16);

        Assert.True((bool)payload["stream_options"]!["include_usage"]!);
        Assert.Equal(16, (int)payload["max_tokens"]!);
    }

    [Fact]
    public void LimitTokens_LeavesEmbeddingsAlone()
    {
        var payload = Limited("""{"model":"m","input":["a"]}""", completionTokens: 16);

        Assert.False(payload.ContainsKey("max_tokens"));
    }
}
