using Serverless.Api.Health;
using Serverless.Infra.Tests.Arm;

namespace Serverless.Infra.Tests.Template;

/// <summary>The API's switches the template sets from its parameters: the bootstrap admin key, and whether readiness may call the worker.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class FunctionAppSwitchesTests(CompiledTemplate compiled)
{
    private const string BootstrapKeyEnabled = "Auth__BootstrapKeyEnabled";
    private static readonly string ProbeWorker = $"{ReadinessOptions.SectionName}__{nameof(ReadinessOptions.ProbeWorker)}";

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
