using System.Text;

namespace Serverless.Inference.Chat;

/// <summary><c>role: content</c> lines, then <c>assistant:</c>; tools as <see cref="ToolPrompt"/> writes them.</summary>
internal sealed class PlainTemplate : IChatTemplate
{
    public string Render(IReadOnlyList<ChatTurn> turns, IReadOnlyList<ToolFunction> tools)
    {
        var text = new StringBuilder();
        foreach (var turn in ToolPrompt.Fold(turns, tools))
        {
            text.Append(turn.Role).Append(": ").Append(turn.Content).Append('\n');
        }

        return text.Append("assistant:").ToString();
    }
}
