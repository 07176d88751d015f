using System.Text;

namespace Serverless.Inference.Chat;

/// <summary><c>&lt;|im_start|&gt;role\ncontent&lt;|im_end|&gt;\n</c> per turn, then <c>&lt;|im_start|&gt;assistant\n</c>; tools as <see cref="ToolPrompt"/> writes them.</summary>
internal sealed class ChatMlTemplate : IChatTemplate
{
    public string Render(IReadOnlyList<ChatTurn> turns, IReadOnlyList<ToolFunction> tools)
    {
        var text = new StringBuilder();
        foreach (var turn in ToolPrompt.Fold(turns, tools))
        {
            text.Append("<|im_start|>").Append(turn.Role).Append('\n').Append(turn.Content).Append("<|im_end|>\n");
        }

        return text.Append("<|im_start|>assistant\n").ToString();
    }
}
