using Serverless.Api.Cors;
using Serverless.Api.Health;
using Serverless.Infra.Tests.Arm;

namespace Serverless.Infra.Tests.Template;

/// <summary>The API's switches the template sets from its parameters: the bootstrap admin key, whether readiness may call the worker, and the CORS origins.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class FunctionAppSwitchesTests(CompiledTemplate compiled)
{
    private const string BootstrapKeyEnabled = "Auth__BootstrapKeyEnabled";
    private static readonly string ProbeWorker = $"{ReadinessOptions.SectionName}__{nameof(ReadinessOptions.ProbeWorker)}";
    private static readonly string CorsOrigins = $"{CorsOptions.SectionName}__{nameof(CorsOptions.AllowedOrigins)}";

    [Fact]
    public void BootstrapKey_IsAcceptedByDefault_AndTheParameterTurnsItOff()
    {
        Assert.Equal("true", Setting(compiled.Template, BootstrapKeyEnabled));
        Assert.Equal("false", Setting(With("bootstrapKeyEnabled", false), BootstrapKeyEnabled));
    }

    [Fact]
    public void Readiness_CallsTheWorkerOnlyWhereItNeverScalesToZero()
    {
        Assert.Equal(0L, compiled.Template.Root.Parameter("workerMinReplicas"));
        Assert.Equal("false", Setting(compiled.Template, ProbeWorker));
        Assert.Equal("true", Setting(With("workerMinReplicas", 1L), ProbeWorker));
    }

    [Fact]
    public void Cors_IsOffByDefault_AndTheParameterListsTheOrigins()
    {
        Assert.Equal(string.Empty, Setting(compiled.Template, CorsOrigins));
        Assert.Equal("https://app.example.com,https://admin.example.com", Setting(With("corsAllowedOrigins", "https://app.example.com,https://admin.example.com"), CorsOrigins));
    }

    private ArmTemplate With(string parameter, object value)
    {
        var parameters = CompiledTemplate.Parameters.ToDictionary();
        parameters[parameter] = value;
        return ArmTemplate.Load(compiled.Json, parameters);
    }

    private static object? Setting(ArmTemplate template, string name) =>
        ArmValues.Items(template.Single(ResourceTypes.Site)["properties.siteConfig.appSettings"])
            .Single(s => Equals(ArmValues.At(s, "name"), name)) is var setting ? ArmValues.At(setting, "value") : null;
}
