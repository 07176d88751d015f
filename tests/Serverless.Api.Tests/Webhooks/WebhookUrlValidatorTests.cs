using Azure.Data.Tables;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Api.Webhooks;

namespace Serverless.Api.Tests.Webhooks;

/// <summary>
/// Webhook URLs that would reach the API's own network, or send results in cleartext, are refused unless the
/// operator allows them; a refusal never says what the API's resolver knows.
/// </summary>
public sealed class WebhookUrlValidatorTests
{
    // A JWT caller's id: no key row is read, the legacy secret signs.
    private const string Caller = "jwt:someone";

    private static WebhookUrlValidator Validator(bool allowPrivate, bool allowHttp = true, string? legacySecret = "test-secret")
    {
        var options = Options.Create(new WebhookOptions { SigningSecret = legacySecret, AllowPrivateAddresses = allowPrivate, AllowHttp = allowHttp });

        // Never reached for a JWT caller; a store is needed to build the policy.
        var store = new WebhookSecretStore(new TableServiceClient("UseDevelopmentStorage=true"), new EphemeralDataProtectionProvider(), options, TimeProvider.System);
        return new WebhookUrlValidator(options, new WebhookSigningSecrets(store, options), NullLogger<WebhookUrlValidator>.Instance);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://192.168.0.10/hook")]
    [InlineData("http://172.20.0.1/hook")]
    [InlineData("http://[fd00:ec2::254]/hook")]
    [InlineData("http://168.63.129.16/hook")]
    [InlineData("http://[2002:a00:1::1]/hook")]
    [InlineData("http://[64:ff9b:1::a00:1]/hook")]
    [InlineData("http://localhost/hook")]
    public async Task Validate_PrivateAddress_IsRefusedWith400NamingWebhook(string url)
    {
        var (_, error) = await Validator(allowPrivate: false).ValidateAsync(url, Caller, CancellationToken.None);

        Assert.NotNull(error);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("webhook", error.Error.Param);
    }

    [Fact]
    public async Task Validate_HostThatDoesNotResolve_GetsTheSameAnswerAsAnInternalOne()
    {
        // Different answers would let a caller ask the API's resolver which internal names exist.
        var validator = Validator(allowPrivate: false);

        var (_, unresolvable) = await validator.ValidateAsync("https://no-such-host.invalid/hook", Caller, CancellationToken.None);
        var (_, internalHost) = await validator.ValidateAsync("https://localhost/hook", Caller, CancellationToken.None);

        Assert.Equal(internalHost, unresolvable);
        Assert.DoesNotContain("no-such-host", unresolvable!.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_PrivateAddress_IsAllowedWhenTheOperatorSaysSo()
    {
        var (url, error) = await Validator(allowPrivate: true).ValidateAsync("http://127.0.0.1:9000/hook", Caller, CancellationToken.None);

        Assert.Null(error);
        Assert.Equal(9000, url!.Port);
    }

    [Fact]
    public async Task Validate_PublicAddress_IsAccepted()
    {
        var (_, error) = await Validator(allowPrivate: false, allowHttp: false).ValidateAsync("https://93.184.216.34/hook", Caller, CancellationToken.None);

        Assert.Null(error);
    }

    [Fact]
    public async Task Validate_PlainHttp_IsRefusedUnlessAllowed()
    {
        var (_, refused) = await Validator(allowPrivate: false, allowHttp: false).ValidateAsync("http://93.184.216.34/hook", Caller, CancellationToken.None);
        var (_, allowed) = await Validator(allowPrivate: false, allowHttp: true).ValidateAsync("http://93.184.216.34/hook", Caller, CancellationToken.None);

        Assert.Equal(400, refused!.StatusCode);
        Assert.Contains("https", refused.Error.Message, StringComparison.Ordinal);
        Assert.Null(allowed);
    }

    [Theory]
    [InlineData("ftp://example.com/x")]
    [InlineData("not a url")]
    [InlineData("https://user:pass@example.com/x")]
    public async Task Validate_NotAnHttpUrl_IsRefused(string url)
    {
        var (_, error) = await Validator(allowPrivate: true).ValidateAsync(url, Caller, CancellationToken.None);

        Assert.Equal(400, error!.StatusCode);
    }

    [Fact]
    public async Task Validate_WhenNothingCanSign_RefusesTheWebhook()
    {
        var (_, error) = await Validator(allowPrivate: true, legacySecret: null).ValidateAsync("http://127.0.0.1/hook", Caller, CancellationToken.None);

        Assert.Equal("webhook_secret_missing", error!.Error.Code);
    }
}
