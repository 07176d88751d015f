using Serverless.Api.Catalog;

namespace Serverless.Api.Tests.Catalog;

public sealed class CatalogValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    private static readonly DeploymentObject Worker = new() { Id = "gpu-east", Kind = "worker", BaseUrl = "http://worker-east:8080/v1", Weight = 3 };

    private static readonly DeploymentObject Azure = new()
    {
        Id = "azure-backup", Kind = "openai", BaseUrl = "https://example.openai.azure.com/openai/v1", Model = "gpt-4o-mini",
        Credential = "AzureOpenAI--Key", Weight = 1, Priority = 2,
    };

    private static readonly CatalogModel Existing = new(
        "gpt2-tiny", ["chat", "completion"], 1024, ["tiny"],
        [new Deployment("local", DeploymentKind.Worker, new Uri("http://127.0.0.1:8081/v1/"), "gpt2-tiny", null, 1, 1, null, TimeSpan.FromSeconds(60))], [], Now);

    private static CatalogModelRequest Valid(Func<CatalogModelRequest, CatalogModelRequest>? change = null)
    {
        var request = new CatalogModelRequest
        {
            Capabilities = ["chat", "completion"], ContextLength = 8192, Aliases = ["llama"], Deployments = [Worker, Azure], Fallbacks = ["gpt2-tiny"],
        };
        return change is null ? request : change(request);
    }

    private static string? ParamOf(CatalogModelRequest request, string id = "my-llama", bool allowHttp = false) =>
        CatalogValidator.ForPut(id, request, [Existing], allowHttp, Now).Error?.Error.Param;

    [Fact]
    public void ForPut_TheIssuesExample_IsAccepted_WithDefaultsFilledIn()
    {
        var (model, error) = CatalogValidator.ForPut("my-llama", Valid(), [Existing], false, Now);

        Assert.Null(error);
        Assert.Equal(["llama"], model!.Aliases);
        var worker = model.Deployments[0];
        Assert.Equal(("my-llama", 3, 1, TimeSpan.FromSeconds(60)), (worker.Model, worker.Weight, worker.Priority, worker.Timeout));
        Assert.Equal("http://worker-east:8080/v1/", worker.BaseUrl.ToString()); // paths are appended to it
        Assert.Equal(("gpt-4o-mini", "AzureOpenAI--Key", 2), (model.Deployments[1].Model, model.Deployments[1].Credential, model.Deployments[1].Priority));
    }

    public static TheoryData<string, Func<CatalogModelRequest, CatalogModelRequest>> BadBodies => new()
    {
        { "capabilities", r => r with { Capabilities = [] } },
        { "capabilities", r => r with { Capabilities = ["chat", "dance"] } },
        { "context_length", r => r with { ContextLength = null } },
        { "context_length", r => r with { ContextLength = 0 } },
        { "deployments", r => r with { Deployments = [] } },
        { "deployments[1].id", r => r with { Deployments = [Worker, Azure with { Id = "gpu-east" }] } },
        { "deployments[0].id", r => r with { Deployments = [Worker with { Id = "has space" }] } },
        { "deployments[0].kind", r => r with { Deployments = [Worker with { Kind = "grpc" }] } },
        { "deployments[0].base_url", r => r with { Deployments = [Worker with { BaseUrl = "/relative/v1" }] } },
        { "deployments[0].base_url", r => r with { Deployments = [Worker with { BaseUrl = "ftp://host/v1" }] } },
        { "deployments[0].base_url", r => r with { Deployments = [Worker with { BaseUrl = "https://user:pw@host/v1" }] } },
        { "deployments[1].base_url", r => r with { Deployments = [Worker, Azure with { BaseUrl = "http://example.com/v1" }] } },
        { "deployments[1].credential", r => r with { Deployments = [Worker, Azure with { Credential = null }] } },
        { "deployments[1].credential", r => r with { Deployments = [Worker, Azure with { Credential = "sk-live key" }] } },
        { "deployments[0].credential", r => r with { Deployments = [Worker with { Credential = "Some--Key" }] } },
        { "deployments[0].weight", r => r with { Deployments = [Worker with { Weight = 0 }] } },
        { "deployments[0].priority", r => r with { Deployments = [Worker with { Priority = -1 }] } },
        { "deployments[0].max_concurrency", r => r with { Deployments = [Worker with { MaxConcurrency = 0 }] } },
        { "deployments[0].timeout_seconds", r => r with { Deployments = [Worker with { TimeoutSeconds = 231 }] } },
        { "aliases[0]", r => r with { Aliases = ["my-llama"] } },
        { "aliases[1]", r => r with { Aliases = ["llama", "llama"] } },
        { "aliases[0]", r => r with { Aliases = ["gpt2-tiny"] } }, // another model's id
        { "aliases[0]", r => r with { Aliases = ["tiny"] } }, // another model's alias
        { "fallbacks[0]", r => r with { Fallbacks = ["my-llama"] } },
        { "fallbacks[0]", r => r with { Fallbacks = ["nowhere"] } },
        { "fallbacks[0]", r => r with { Fallbacks = ["tiny"] } }, // by id, not alias
        { "fallbacks[1]", r => r with { Fallbacks = ["gpt2-tiny", "gpt2-tiny"] } },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public void ForPut_NamesTheBadField(string param, Func<CatalogModelRequest, CatalogModelRequest> change) =>
        Assert.Equal(param, ParamOf(Valid(change)));

    [Theory]
    [InlineData("http://127.0.0.1:8081/v1")]
    [InlineData("http://localhost:8081/v1")]
    [InlineData("http://[::1]:8081/v1")]
    public void ForPut_AnOpenAIDeploymentOverPlainHttp_IsAcceptedOnLoopback(string url) =>
        Assert.Null(ParamOf(Valid(r => r with { Deployments = [Azure with { BaseUrl = url }] })));

    [Fact]
    public void ForPut_AutoIsReserved_AsAnIdAndAsAnAlias()
    {
        Assert.Equal("id", ParamOf(Valid(), id: "auto"));
        Assert.Equal("aliases[0]", ParamOf(Valid(r => r with { Aliases = ["auto"] })));
    }

    [Fact]
    public void ForPut_AnOpenAIDeploymentOverPlainHttp_ElsewhereNeedsTheSetting() =>
        Assert.Null(ParamOf(Valid(r => r with { Deployments = [Azure with { BaseUrl = "http://vllm.internal:8000/v1" }] }), allowHttp: true));

    [Theory]
    [InlineData("")]
    [InlineData("-starts-with-dash")]
    [InlineData("tiny")] // another model's alias
    public void ForPut_AnInvalidOrTakenId_IsRefused(string id) =>
        Assert.Equal("id", ParamOf(Valid(), id));

    [Fact]
    public void ForPut_AFallbackMayBeAModelOfTheApisOwnWorker()
    {
        var request = Valid(r => r with { Fallbacks = ["llama-tiny"] });

        Assert.Null(CatalogValidator.ForPut("my-llama", request, [Existing], false, Now, workerModels: ["llama-tiny"]).Error);
        Assert.Equal("fallbacks[0]", CatalogValidator.ForPut("my-llama", request, [Existing], false, Now, workerModels: []).Error?.Error.Param);
    }

    [Fact]
    public void ForPut_ReplacingAModel_KeepsItsOwnAliases() =>
        Assert.Null(CatalogValidator.ForPut("gpt2-tiny", Valid(r => r with { Aliases = ["tiny"], Fallbacks = [] }), [Existing], false, Now).Error);
}
