using System.Text;

namespace Serverless.Inference.Chat;

/// <summary><c>role: content</c> lines, then <c>assistant:</c>.</summary>
internal sealed class PlainTemplate : IChatTemplate
{
    public string Render(IReadOnlyList<ChatTurn> turns)
    {
        var text = new StringBuilder();
        foreach (var turn in turns)
        {
            text.Append(turn.Role).Append(": ").Append(turn.Content).Append('\n');
        }

        return text.Append("assistant:").ToString();
    }
}
