using Microsoft.Extensions.Options;
using Serverless.Api.Webhooks;

namespace Serverless.Api.Tests.Webhooks;

/// <summary>Webhook URLs that would reach the API's own network are refused unless the operator allows them.</summary>
public sealed class WebhookUrlValidatorTests
{
    private static WebhookUrlValidator Validator(bool allowPrivate) =>
        new(Options.Create(new WebhookOptions { SigningSecret = "test-secret", AllowPrivateAddresses = allowPrivate }));

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://192.168.0.10/hook")]
    [InlineData("http://172.20.0.1/hook")]
    [InlineData("http://[fd00:ec2::254]/hook")]
    [InlineData("http://168.63.129.16/hook")]
    [InlineData("http://localhost/hook")]
    public async Task Validate_PrivateAddress_IsRefusedWith400NamingWebhook(string url)
    {
        var (_, error) = await Validator(allowPrivate: false).ValidateAsync(url, CancellationToken.None);

        Assert.NotNull(error);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("webhook", error.Error.Param);
    }

    [Fact]
    public async Task Validate_PrivateAddress_IsAllowedWhenTheOperatorSaysSo()
    {
        var (url, error) = await Validator(allowPrivate: true).ValidateAsync("http://127.0.0.1:9000/hook", CancellationToken.None);

        Assert.Null(error);
        Assert.Equal(9000, url!.Port);
    }

    [Fact]
    public async Task Validate_PublicAddress_IsAccepted()
    {
        var (_, error) = await Validator(allowPrivate: false).ValidateAsync("https://93.184.216.34/hook", CancellationToken.None);

        Assert.Null(error);
    }

    [Theory]
    [InlineData("ftp://example.com/x")]
    [InlineData("not a url")]
    [InlineData("https://user:pass@example.com/x")]
    public async Task Validate_NotAnHttpUrl_IsRefused(string url)
    {
        var (_, error) = await Validator(allowPrivate: true).ValidateAsync(url, CancellationToken.None);

        Assert.Equal(400, error!.StatusCode);
    }

    [Fact]
    public async Task Validate_WithoutSigningSecret_RefusesWebhooks()
    {
        var validator = new WebhookUrlValidator(Options.Create(new WebhookOptions { AllowPrivateAddresses = true }));

        var (_, error) = await validator.ValidateAsync("http://127.0.0.1/hook", CancellationToken.None);

        Assert.Equal("webhooks_disabled", error!.Error.Code);
    }
}
