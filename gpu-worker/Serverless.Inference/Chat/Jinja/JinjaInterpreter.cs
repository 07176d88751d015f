using System.Runtime.CompilerServices;

namespace Serverless.Inference.Chat.Jinja;

/// <summary>
/// Renders parsed nodes with jinja2's semantics: Python values, scopes that end with each loop iteration and
/// macro call, undefined values, and the sandbox (no .NET object is ever reached, every loop and size is bounded).
/// </summary>
internal sealed partial class JinjaInterpreter
{
    private readonly JinjaBudget budget;

    private JinjaInterpreter(JinjaLimits limits, TimeProvider time)
    {
        budget = new JinjaBudget(limits);
        Time = time;
    }

    public JinjaBudget Budget => budget;

    public TimeProvider Time { get; }

    public static string Render(IReadOnlyList<JinjaNode> body, IReadOnlyDictionary<string, object?> globals, JinjaLimits limits, TimeProvider time)
    {
        var interpreter = new JinjaInterpreter(limits, time);
        var root = new JinjaScope(null);
        JinjaGlobals.AddTo(root);
        foreach (var (name, value) in globals)
        {
            root.Set(name, JinjaHostValues.Convert(value, limits));
        }

        var output = new JinjaText(interpreter.budget);
        try
        {
            interpreter.Execute(body, root.Child(), output);
        }
        catch (InsufficientExecutionStackException)
        {
            throw JinjaBudget.Exceeded("the template recursed too deeply");
        }

        return output.ToString();
    }

    private JinjaFlow Execute(IReadOnlyList<JinjaNode> body, JinjaScope scope, JinjaText output)
    {
        foreach (var node in body)
        {
            var flow = Execute(node, scope, output);
            if (flow != JinjaFlow.Normal)
            {
                return flow;
            }
        }

        return JinjaFlow.Normal;
    }

    private JinjaFlow Execute(JinjaNode node, JinjaScope scope, JinjaText output)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        try
        {
            switch (node)
            {
                case TextNode text:
                    output.Append(text.Text);
                    return JinjaFlow.Normal;
                case OutputNode print:
                    foreach (var value in print.Values)
                    {
                        output.Append(JinjaValues.ToStr(Eval(value, scope), budget));
                    }

                    return JinjaFlow.Normal;
                case IfNode branch:
                    return Execute(JinjaValues.IsTruthy(Eval(branch.Test, scope)) ? branch.Body : branch.Else, scope, output);
                case ForNode loop:
                    return ExecuteFor(loop, scope, output);
                case SetNode set:
                    Assign(set.Target, Eval(set.Value, scope), scope);
                    return JinjaFlow.Normal;
                case SetBlockNode setBlock:
                    return ExecuteSetBlock(setBlock, scope);
                case MacroNode macro:
                    scope.Set(macro.Name, new JinjaMacro(macro, scope));
                    return JinjaFlow.Normal;
                case WithNode with:
                    var values = with.Values.Select(v => Eval(v, scope)).ToList();
                    var inner = scope.Child();
                    for (var i = 0; i < values.Count; i++)
                    {
                        Assign(with.Targets[i], values[i], inner);
                    }

                    return Execute(with.Body, inner, output);
                case FilterBlockNode filterBlock:
                    var body = new JinjaText(budget);
                    var flow = Execute(filterBlock.Body, scope.Child(), body);
                    output.Append(JinjaValues.ToStr(ApplyFilter(filterBlock.Filter, body.ToString(), scope), budget));
                    return flow;
                case ScopeNode scoped:
                    return Execute(scoped.Body, scope.Child(), output);
                case LoopControlNode control:
                    return control.IsBreak ? JinjaFlow.Break : JinjaFlow.Continue;
                default:
                    throw new JinjaException(JinjaErrorKind.Runtime, $"unknown statement {node.GetType().Name}");
            }
        }
        catch (JinjaException error) when (error.Line is null)
        {
            throw error.AtLine(node.Line);
        }
    }

    private JinjaFlow ExecuteFor(ForNode node, JinjaScope scope, JinjaText output)
    {
        var items = Materialize(Eval(node.Iterable, scope));
        if (node.Filter is not null)
        {
            var kept = new List<object?>();
            foreach (var item in items)
            {
                budget.CountLoopIteration();
                var test = scope.Child();
                Assign(node.Target, item, test);
                if (JinjaValues.IsTruthy(Eval(node.Filter, test)))
                {
                    kept.Add(item);
                }
            }

            items = kept;
        }

        if (items.Count == 0)
        {
            return Execute(node.Else, scope.Child(), output);
        }

        var loop = new JinjaLoop(items);
        for (var i = 0; i < items.Count; i++)
        {
            budget.CountLoopIteration();
            loop.Index0 = i;

            // Each iteration gets a fresh scope, so what the body sets is gone by the next one and after the loop.
            var iteration = scope.Child();
            iteration.Set("loop", loop);
            Assign(node.Target, items[i], iteration);
            if (Execute(node.Body, iteration, output) == JinjaFlow.Break)
            {
                break;
            }
        }

        return JinjaFlow.Normal;
    }

    private JinjaFlow ExecuteSetBlock(SetBlockNode node, JinjaScope scope)
    {
        var body = new JinjaText(budget);
        var flow = Execute(node.Body, scope.Child(), body);
        if (flow == JinjaFlow.Normal)
        {
            Assign(node.Target, node.Filter is null ? body.ToString() : ApplyFilter(node.Filter, body.ToString(), scope), scope);
        }

        return flow;
    }

    private void Assign(JinjaExpr target, object? value, JinjaScope scope)
    {
        switch (target)
        {
            case NameExpr name:
                scope.Set(name.Name, value);
                break;
            case ListExpr tuple:
                var items = Materialize(value);
                if (items.Count != tuple.Items.Count)
                {
                    throw new JinjaException(JinjaErrorKind.Runtime, items.Count < tuple.Items.Count
                        ? $"not enough values to unpack (expected {tuple.Items.Count}, got {items.Count})"
                        : $"too many values to unpack (expected {tuple.Items.Count})");
                }

                for (var i = 0; i < items.Count; i++)
                {
                    Assign(tuple.Items[i], items[i], scope);
                }

                break;
            case AttrExpr { Target: NameExpr owner } attribute:
                if (!scope.TryGet(owner.Name, out var ns) || ns is not JinjaNamespace space)
                {
                    throw new JinjaException(JinjaErrorKind.Runtime, "cannot assign attribute on non-namespace object");
                }

                space.Set(attribute.Name, value);
                break;
        }
    }
}
