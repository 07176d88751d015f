using Serverless.Inference.Chat;

namespace Serverless.Inference.Tests.Chat;

public sealed class ChatTemplatesTests
{
    private static readonly ChatTurn[] Turns = [new("system", "Be brief."), new("user", "Hi!")];

    [Fact]
    public void ChatMl_WrapsEachTurnAndEndsWithAssistantCue()
    {
        Assert.True(ChatTemplates.TryGet("chatml", out var template));

        Assert.Equal(
            "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi!<|im_end|>\n<|im_start|>assistant\n",
            template.Render(Turns, []));
    }

    [Fact]
    public void Plain_WritesRoleColonLinesAndEndsWithAssistantCue()
    {
        Assert.True(ChatTemplates.TryGet("plain", out var template));

        Assert.Equal("system: Be brief.\nuser: Hi!\nassistant:", template.Render(Turns, []));
    }

    [Fact]
    public void TryGet_UnknownName_ReturnsFalse()
    {
        Assert.False(ChatTemplates.TryGet("llama3", out _));
    }
}
