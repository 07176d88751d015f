using System.Text;

namespace Serverless.Inference.Chat.Jinja;

/// <summary>A string being built under the render's size bound, each append counted as work.</summary>
internal sealed class JinjaText(JinjaBudget budget)
{
    private readonly StringBuilder text = new();

    public int Length => text.Length;

    public JinjaBudget Budget => budget;

    public JinjaText Append(string value)
    {
        budget.EnsureSize((long)text.Length + value.Length);
        budget.CountChars(value.Length);
        text.Append(value);
        return this;
    }

    public JinjaText Append(char value)
    {
        budget.EnsureSize(text.Length + 1L);
        text.Append(value);
        return this;
    }

    public override string ToString() => text.ToString();
}
