using Azure.Identity;
using Serverless.Telemetry;

namespace Serverless.Api.Tests.Telemetry;

public sealed class AzureMonitorAuthenticationTests
{
    [Theory]
    [InlineData("ClientId=1b2c3d4e-0000-0000-0000-000000000001;Authorization=AAD")]
    [InlineData("Authorization=AAD; ClientId=1b2c3d4e-0000-0000-0000-000000000001")]
    [InlineData("authorization=aad")]
    public void EntraAuthentication_GivesAManagedIdentityCredential(string setting) =>
        Assert.IsType<ManagedIdentityCredential>(AzureMonitorAuthentication.CredentialFrom(setting));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ClientId=abc")]
    [InlineData("Authorization=Key")]
    public void NoEntraAuthentication_GivesNoCredential(string? setting) =>
        Assert.Null(AzureMonitorAuthentication.CredentialFrom(setting));
}
