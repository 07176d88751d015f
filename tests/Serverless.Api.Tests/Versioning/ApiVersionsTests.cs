using Microsoft.AspNetCore.Http;
using Serverless.Api.Versioning;

namespace Serverless.Api.Tests.Versioning;

public sealed class ApiVersionsTests
{
    private static (string Version, Serverless.OpenAI.Errors.ApiError? Error) Resolve(string? query = null, string? header = null)
    {
        var context = new DefaultHttpContext();
        if (query is not null)
        {
            context.Request.QueryString = QueryString.Create("api-version", query);
        }

        if (header is not null)
        {
            context.Request.Headers["X-API-Version"] = header;
        }

        return ApiVersions.Resolve(context.Request);
    }

    [Fact]
    public void Resolve_WithoutAVersion_ServesTheCurrentOne()
    {
        var (version, error) = Resolve();

        Assert.Null(error);
        Assert.Equal("2026-12-01", version);
        Assert.Equal(ApiVersions.Supported[^1], ApiVersions.Current);
    }

    [Theory]
    [InlineData("2026-12-01", null)]
    [InlineData(null, "2026-12-01")]
    [InlineData("2026-12-01", "2026-12-01")]
    public void Resolve_NamingASupportedVersion_ByQueryOrHeader_ServesIt(string? query, string? header)
    {
        var (version, error) = Resolve(query, header);

        Assert.Null(error);
        Assert.Equal("2026-12-01", version);
    }

    [Theory]
    [InlineData("latest", null, "api-version")]
    [InlineData("2026-13-01", null, "api-version")]
    [InlineData("2026-12-1", null, "api-version")]
    [InlineData(null, "v2", "X-API-Version")]
    public void Resolve_AValueThatIsNotADate_Is400NamingTheParameterItCameIn(string? query, string? header, string param)
    {
        var (version, error) = Resolve(query, header);

        Assert.Equal("2026-12-01", version);
        Assert.Equal(400, error!.StatusCode);
        Assert.Equal(param, error.Error.Param);
        Assert.Equal("invalid_api_version", error.Error.Code);
        Assert.Equal("invalid_request_error", error.Error.Type);
    }

    [Fact]
    public void Resolve_ADateThatIsNoVersion_Is400ListingTheSupportedOnes()
    {
        var (_, error) = Resolve(header: "2025-01-01");

        Assert.Equal(400, error!.StatusCode);
        Assert.Equal("X-API-Version", error.Error.Param);
        Assert.Equal("unsupported_api_version", error.Error.Code);
        Assert.Contains("2026-12-01", error.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_AQueryAndAHeaderNamingDifferentVersions_Is400()
    {
        var (_, error) = Resolve("2026-12-01", "2025-01-01");

        Assert.Equal(400, error!.StatusCode);
        Assert.Equal("api-version", error.Error.Param);
    }
}
