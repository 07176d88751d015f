namespace Serverless.Infra.Tests.Template;

/// <summary>The test classes that share one compiled template.</summary>
[CollectionDefinition(Name)]
public sealed class CompiledTemplateCollection : ICollectionFixture<CompiledTemplate>
{
    public const string Name = "compiled template";
}
