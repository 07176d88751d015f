using System.Text.RegularExpressions;
using Serverless.Infra.Tests.Template;
using Serverless.Testing;

namespace Serverless.Infra.Tests.Bicep;

[Collection(CompiledTemplateCollection.Name)]
public sealed partial class BicepCliTests(CompiledTemplate compiled)
{
    [Fact]
    public void Build_CompilesMainWithoutErrorsOrWarnings()
    {
        Assert.Equal(0, compiled.Build.ExitCode);
        Assert.True(string.IsNullOrWhiteSpace(compiled.Build.Diagnostics), $"bicep build reported:\n{compiled.Build.Diagnostics}");
    }

    [Fact]
    public void Lint_ReportsNothingOnMainAndItsModules()
    {
        var lint = BicepCli.Run("lint", BicepCli.MainTemplate);

        Assert.True(lint.ExitCode == 0, $"bicep lint failed:\n{lint.Diagnostics}");
        Assert.True(string.IsNullOrWhiteSpace(lint.Output + lint.Diagnostics), $"bicep lint reported:\n{lint.Output}{lint.Diagnostics}");
    }

    [Fact]
    public void Templates_UseOnlyLocalModules()
    {
        // Registry modules (br:, br/public:) and template specs (ts:) need the network at build time.
        var remote = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "infra"), "*.bicep", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(l => RemoteModule().IsMatch(l.line))
            .Select(l => $"{Path.GetRelativePath(RepositoryPaths.Root, l.file)}:{l.number}: {l.line.Trim()}")
            .ToList();

        Assert.Empty(remote);
    }

    [GeneratedRegex(@"^\s*module\s+\w+\s+'(br|ts)[:/]")]
    private static partial Regex RemoteModule();
}
