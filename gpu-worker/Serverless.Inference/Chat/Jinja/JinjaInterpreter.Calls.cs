namespace Serverless.Inference.Chat.Jinja;

/// <summary>Calls: macros (bounded in depth) and built-in functions; nothing else is callable.</summary>
internal sealed partial class JinjaInterpreter
{
    public object? Invoke(object? callee, JinjaArgs args) => callee switch
    {
        JinjaMacro macro => CallMacro(macro, args),
        JinjaFunction function => function.Invoke(this, args),
        JinjaUndefined undefined => throw undefined.Error(),
        _ => throw new JinjaException(JinjaErrorKind.Runtime, $"'{JinjaValues.TypeName(callee)}' object is not callable"),
    };

    private string CallMacro(JinjaMacro macro, JinjaArgs args)
    {
        var node = macro.Node;
        if (args.Positional.Count > node.Parameters.Count)
        {
            throw new JinjaException(JinjaErrorKind.Runtime, $"macro '{node.Name}' takes not more than {node.Parameters.Count} argument(s)");
        }

        foreach (var (name, _) in args.Named)
        {
            if (!node.Parameters.Contains(name))
            {
                throw new JinjaException(JinjaErrorKind.Runtime, $"macro '{node.Name}' takes no keyword argument '{name}'");
            }
        }

        budget.EnterMacro(node.Name);
        try
        {
            // The macro reads the scope it was defined in, as it stands now; its own variables stay inside the call.
            var scope = macro.Closure.Child();
            for (var i = 0; i < node.Parameters.Count; i++)
            {
                var parameter = node.Parameters[i];
                var named = args.Named.FirstOrDefault(arg => arg.Key == parameter);
                var value = i < args.Positional.Count ? args.Positional[i]
                    : named.Key is not null ? named.Value
                    : node.Defaults[i] is { } fallback ? Eval(fallback, scope)
                    : new JinjaUndefined($"parameter '{parameter}' was not provided");
                scope.Set(parameter, value);
            }

            var output = new JinjaText(budget);
            Execute(node.Body, scope, output);
            return output.ToString();
        }
        finally
        {
            budget.ExitMacro();
        }
    }
}
