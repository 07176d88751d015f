using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Serverless.Inference.Tests.Catalog;

/// <summary>The runtime's settings are checked where they enter, so a typo stops the worker naming the setting.</summary>
public sealed class InferenceRegistrationTests
{
    [Theory]
    [InlineData("ExecutionProvider", "gpu")]
    [InlineData("MaxBatchSize", "0")]
    [InlineData("IntraOpThreads", "-1")]
    [InlineData("ModelsPath", "")]
    public void ABadSetting_IsRefused_NamingIt(string setting, string value)
    {
        using var provider = Services(new() { [$"{InferenceOptions.SectionName}:{setting}"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<InferenceOptions>>().Value);

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSettingsThatShip_AreAccepted()
    {
        using var provider = Services(new() { ["Inference:ExecutionProvider"] = " CUDA ", ["Inference:MaxBatchSize"] = "16" });

        var options = provider.GetRequiredService<IOptions<InferenceOptions>>().Value;

        Assert.Equal(16, options.MaxBatchSize);
        Assert.Equal(".models", options.ModelsPath);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddLogging()
            .AddServerlessInference(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
}
