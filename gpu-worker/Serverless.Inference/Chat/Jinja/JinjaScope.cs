namespace Serverless.Inference.Chat.Jinja;

/// <summary>
/// Variables of one frame: the template, a loop iteration, a macro call. Assignments land in the innermost
/// frame, which is why a <c>set</c> inside a loop is gone after it, as in jinja2.
/// </summary>
internal sealed class JinjaScope(JinjaScope? parent)
{
    private readonly Dictionary<string, object?> variables = new(StringComparer.Ordinal);

    public bool TryGet(string name, out object? value)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope.variables.TryGetValue(name, out value))
            {
                return true;
            }
        }

        value = null;
        return false;
    }

    public JinjaScope? Parent => parent;

    public void Set(string name, object? value) => variables[name] = value;

    public JinjaScope Child() => new(this);
}
