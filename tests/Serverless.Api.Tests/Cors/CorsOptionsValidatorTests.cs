using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using Serverless.Api.Cors;

namespace Serverless.Api.Tests.Cors;

public sealed class CorsOptionsValidatorTests
{
    private static ValidateOptionsResult Validate(string? origins) =>
        new CorsOptionsValidator().Validate(null, new CorsOptions { AllowedOrigins = origins });

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://app.example.com")]
    [InlineData("https://app.example.com, http://127.0.0.1:5173,http://localhost:3000")]
    [InlineData("*")]
    public void Origins_AsBrowsersSendThem_AreAccepted(string? origins) =>
        Assert.True(Validate(origins).Succeeded);

    [Theory]
    [InlineData("https://app.example.com/")]
    [InlineData("https://app.example.com/app")]
    [InlineData("https://app.example.com?x=1")]
    [InlineData("app.example.com")]
    [InlineData("ftp://app.example.com")]
    [InlineData("https://app.example.com:443")]
    [InlineData("https://user@app.example.com")]
    [InlineData("https://app.example.com, *")]
    public void ValuesNoBrowserSendsAsAnOrigin_AreRefused_NamingTheSetting(string origins)
    {
        var result = Validate(origins);

        Assert.True(result.Failed);
        Assert.Contains("Cors:AllowedOrigins", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_WithAnOriginThatIsNotOne_RefusesToStart()
    {
        using var host = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Worker:BaseUrl", "http://127.0.0.1:9/")
            .UseSetting("Worker:ApiKey", "worker-key-of-no-worker-0123456789")
            .UseSetting("AzureWebJobsStorage", "UseDevelopmentStorage=true")
            .UseSetting("Auth:KeyPepper", "cors-options-tests-pepper-0123")
            .UseSetting("Cors:AllowedOrigins", "https://app.example.com/path"));

        var refused = Assert.Throws<OptionsValidationException>(() => host.CreateClient());

        Assert.Contains("https://app.example.com/path", refused.Message, StringComparison.Ordinal);
    }
}
