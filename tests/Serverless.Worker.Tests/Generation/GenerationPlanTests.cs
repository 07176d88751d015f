using Serverless.Jobs;
using Serverless.OpenAI.Chat;
using Serverless.OpenAI.Completions;
using Serverless.Worker.Generation;

namespace Serverless.Worker.Tests.Generation;

/// <summary>How a request becomes engine jobs: the context and the gateway's budget bound every choice.</summary>
public sealed class GenerationPlanTests(WorkerModels models) : IClassFixture<WorkerModels>
{
    [Theory]
    [InlineData(int.MaxValue)] // prompt + max_tokens overflowed an int and crashed the worker (found by the fuzz test)
    [InlineData(int.MaxValue - 1)]
    [InlineData(1024)]
    public void MaxTokensBeyondTheContext_IsContextLengthExceeded_NamingMaxTokens(int maxTokens)
    {
        var (plan, error) = GenerationPlan.For(models.Generation, new CompletionRequest { Model = "gpt2-tiny", Prompt = ["Hello"], MaxTokens = maxTokens });

        Assert.Null(plan);
        Assert.Equal("context_length_exceeded", error!.Error.Code);
        Assert.Equal("max_tokens", error.Error.Param);
        Assert.Contains($"{maxTokens} in the completion", error.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("-", error.Error.Message.Split("you requested")[1].Split(' ')[1], StringComparison.Ordinal);
    }

    [Fact]
    public void ChatWithMaxCompletionTokensBeyondTheContext_NamesThatParameter()
    {
        var request = new ChatCompletionRequest
        {
            Model = "gpt2-tiny",
            Messages = [new ChatMessage { Role = "user", Content = "Hi" }],
            MaxCompletionTokens = int.MaxValue,
        };

        var (_, error) = GenerationPlan.For(models.Generation, request);

        Assert.Equal("max_completion_tokens", error!.Error.Param);
    }

    [Theory]
    [InlineData(PriorityClass.Low, 0)]
    [InlineData(PriorityClass.Normal, 1)]
    [InlineData(PriorityClass.High, 2)]
    public void InClass_PutsEveryChoiceInTheClass_HigherClassesJoiningTheBatchFirst_AndChangesNothingElse(PriorityClass priority, int expected)
    {
        var (plan, _) = GenerationPlan.For(models.Generation, new CompletionRequest { Model = "gpt2-tiny", Prompt = ["Hello", "World"], N = 2, MaxTokens = 5 });

        var classed = plan!.InClass(priority);

        Assert.Equal(4, classed.Jobs.Count);
        Assert.All(classed.Jobs, j => Assert.Equal(expected, j.Request.Priority));
        Assert.Equal(plan.Jobs.Select(j => j.Request with { Priority = expected }), classed.Jobs.Select(j => j.Request));
        Assert.Equal(plan.PromptTokens, classed.PromptTokens);
    }

    [Fact]
    public void Completions_WithoutMaxTokens_TakeOpenAIsDefaultOf16()
    {
        var (plan, _) = GenerationPlan.For(models.Generation, new CompletionRequest { Model = "gpt2-tiny", Prompt = ["Hello"] });

        Assert.Equal(GenerationPlan.CompletionsDefaultMaxTokens, Assert.Single(plan!.Jobs).Request.MaxTokens);
    }

    [Fact]
    public void Chat_WithoutMaxTokens_MayFillWhatTheContextLeaves()
    {
        var request = new ChatCompletionRequest { Model = "gpt2-tiny", Messages = [new ChatMessage { Role = "user", Content = "Hi" }] };

        var (plan, _) = GenerationPlan.For(models.Generation, request);

        Assert.Equal(1024, plan!.PromptTokens + Assert.Single(plan.Jobs).Request.MaxTokens);
    }

    [Fact]
    public void TheGatewaysBudget_IsSharedEquallyByEveryChoice_AndNeverExceeded()
    {
        var request = new CompletionRequest { Model = "gpt2-tiny", Prompt = ["Hello", "Hello there"], N = 3, MaxTokens = 500 };

        var (plan, _) = GenerationPlan.For(models.Generation, request, tokenBudget: 200);

        Assert.Equal(6, plan!.Jobs.Count);
        Assert.All(plan.Jobs, job => Assert.Equal(plan.Jobs[0].Request.MaxTokens, job.Request.MaxTokens));
        Assert.True(plan.PromptTokens + plan.Jobs.Sum(job => (long)job.Request.MaxTokens) <= 200);
    }

    [Fact]
    public void ABudgetThePromptsAlreadySpend_IsRefused()
    {
        var (plan, error) = GenerationPlan.For(models.Generation, new CompletionRequest { Model = "gpt2-tiny", Prompt = ["Hello there, friend"], MaxTokens = 5 }, tokenBudget: 2);

        Assert.Null(plan);
        Assert.Equal("context_length_exceeded", error!.Error.Code);
    }

    [Fact]
    public void SeededChoices_GetConsecutiveSeeds_SoEachDiffersAndAllRepeat()
    {
        var (plan, _) = GenerationPlan.For(models.Generation, new CompletionRequest { Model = "gpt2-tiny", Prompt = ["Hi"], N = 3, Seed = 40 });

        Assert.Equal(new long?[] { 40, 41, 42 }, plan!.Jobs.Select(job => (long?)job.Request.Sampling.Seed));
    }
}
