using System.Text.Json;
using System.Text.RegularExpressions;
using Serverless.Infra.Tests.Arm;
using Serverless.Infra.Tests.Settings;

namespace Serverless.Infra.Tests.Template;

/// <summary>No secret is created, passed, output or set as a literal: settings that hold secrets are Key Vault references.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed partial class SecretsTests(CompiledTemplate compiled)
{
    [Fact]
    public void Template_NeverListsKeysOrSecrets()
    {
        var listCalls = Expressions(JsonDocument.Parse(compiled.Json).RootElement).Where(e => ListCall().IsMatch(e)).ToList();

        Assert.Empty(listCalls);
    }

    [Fact]
    public void Template_TakesNoSecureParameters()
    {
        var secure = compiled.Template.Scopes
            .SelectMany(s => s.Template.GetProperty("parameters").EnumerateObject().Select(p => (s.DeploymentName, p.Name, Type: p.Value.GetProperty("type").GetString())))
            .Where(p => p.Type is "securestring" or "secureObject" or "secureString")
            .ToList();

        Assert.Empty(secure);
    }

    [Fact]
    public void Outputs_HoldNamesAndAddressesOnly()
    {
        foreach (var scope in compiled.Template.Scopes)
        {
            if (!scope.Template.TryGetProperty("outputs", out var outputs))
            {
                continue;
            }

            foreach (var output in outputs.EnumerateObject())
            {
                var where = $"output '{output.Name}' of {scope.DeploymentName}";
                Assert.False(SecretName().IsMatch(output.Name), $"{where} is named like a secret.");
                Assert.DoesNotContain("secure", output.Value.GetProperty("type").GetString()!, StringComparison.OrdinalIgnoreCase);
                Assert.False(ListCall().IsMatch(output.Value.GetProperty("value").ToString()), $"{where} lists keys.");
            }
        }

        Assert.Contains("API_URL", compiled.Template.Root.Outputs.Keys);
    }

    [Fact]
    public void FunctionAppSettings_HoldNoSecretLiteral_AndSecretOptionsComeFromKeyVault()
    {
        foreach (var (name, value) in compiled.FunctionAppSettings)
        {
            if (name == "APPLICATIONINSIGHTS_CONNECTION_STRING")
            {
                // Not a secret here: the component refuses telemetry without a Microsoft Entra token (local auth off).
                Assert.Equal(true, compiled.Template.Single(ResourceTypes.ApplicationInsights)["properties.DisableLocalAuth"]);
                continue;
            }

            AssertNotASecret(name, value, "Functions app setting");
        }
    }

    [Theory]
    [InlineData(ResourceTypes.ContainerApp)]
    [InlineData(ResourceTypes.Job)]
    public void WorkerEnvironment_HoldsNoSecret_AndItsOnlySecretsAreKeyVaultReferencesReadWithItsIdentity(string type)
    {
        var resource = compiled.Template.Single(type);
        var secrets = ArmValues.Items(resource["properties.configuration.secrets"]);
        var identity = Assert.Single(((Dictionary<string, object?>)resource["identity.userAssignedIdentities"]!).Keys);

        // The serve-mode app gets the worker key (and the previous one) from Key Vault; the job, which never serves, nothing.
        Assert.Equal(type == ResourceTypes.ContainerApp ? 2 : 0, secrets.Count);
        Assert.All(secrets, s =>
        {
            Assert.Null(ArmValues.At(s, "value"));
            Assert.Equal(identity, ArmValues.At(s, "identity"));
            Assert.Contains("secrets/", ArmValues.Text(ArmValues.At(s, "keyVaultUrl")), StringComparison.Ordinal);
        });
        var secretNames = secrets.Select(s => ArmValues.Text(ArmValues.At(s, "name"))).ToHashSet();
        var env = ArmValues.Items(ArmValues.At(ArmValues.Items(resource["properties.template.containers"])[0], "env"));
        foreach (var variable in env)
        {
            var name = ArmValues.Text(ArmValues.At(variable, "name"));
            if (ArmValues.At(variable, "secretRef") is string secretRef)
            {
                Assert.Contains(secretRef, secretNames);
                Assert.Null(ArmValues.At(variable, "value"));
                continue;
            }

            if (name == "APPLICATIONINSIGHTS_CONNECTION_STRING")
            {
                // As for the Functions app: not a secret, the component takes only Microsoft Entra tokens.
                Assert.Equal(true, compiled.Template.Single(ResourceTypes.ApplicationInsights)["properties.DisableLocalAuth"]);
                continue;
            }

            Assert.False(SecretName().IsMatch(name.Split("__")[^1]), $"{type} environment variable '{name}' holds a secret, so it must be a secretRef to a Key Vault reference.");
            AssertNotASecret(name, ArmValues.At(variable, "value"), $"{type} environment variable");
        }
    }

    private static void AssertNotASecret(string name, object? value, string what)
    {
        var isReference = value is string text && text.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal);
        if (SecretName().IsMatch(name.Split("__")[^1]))
        {
            Assert.True(isReference, $"{what} '{name}' holds a secret, so it must be a Key Vault reference, not {value}.");
        }
        else if (value is string literal && !isReference)
        {
            Assert.False(SecretValue().IsMatch(literal), $"{what} '{name}' looks like it holds a secret.");
        }
    }

    private static IEnumerable<string> Expressions(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String when ArmExpressionParser.IsExpression(element.GetString()!) => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Expressions(p.Value).Append(p.Name).Where(ArmExpressionParser.IsExpression)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Expressions),
        _ => [],
    };

    /// <summary><c>listKeys()</c>, <c>listSecrets()</c>, <c>listConnectionStrings()</c>... as a function call.</summary>
    [GeneratedRegex(@"(?<![\w.])list\w*\(", RegexOptions.IgnoreCase)]
    private static partial Regex ListCall();

    /// <summary>A name that says it holds a credential.</summary>
    [GeneratedRegex(@"(password|secret|pepper|connectionstring|connection_string|accountkey|sas|token|apikey|api_key|_key)$|^(key|secret)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    /// <summary>A value that carries a credential: a storage key, a SAS, a password, an API key, a private key.</summary>
    [GeneratedRegex(@"AccountKey=|SharedAccessSignature=|SharedAccessKey=|[?&]sig=|Password=|pwd=|\bsk-[A-Za-z0-9_-]{16,}|-----BEGIN", RegexOptions.IgnoreCase)]
    private static partial Regex SecretValue();
}
