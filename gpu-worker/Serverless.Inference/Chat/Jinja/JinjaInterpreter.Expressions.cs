using System.Runtime.CompilerServices;

namespace Serverless.Inference.Chat.Jinja;

/// <summary>Expression evaluation.</summary>
internal sealed partial class JinjaInterpreter
{
    public object? Eval(JinjaExpr expr, JinjaScope scope)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        try
        {
            return EvalCore(expr, scope);
        }
        catch (JinjaException error) when (error.Line is null)
        {
            throw error.AtLine(expr.Line);
        }
    }

    private object? EvalCore(JinjaExpr expr, JinjaScope scope)
    {
        switch (expr)
        {
            case ConstExpr constant:
                return constant.Value;
            case NameExpr name:
                return scope.TryGet(name.Name, out var value) ? value : JinjaUndefined.Named(name.Name);
            case ListExpr list:
                return new JinjaList([.. list.Items.Select(item => Eval(item, scope))], list.IsTuple ? JinjaListKind.Tuple : JinjaListKind.List);
            case DictExpr dict:
                var pairs = new List<KeyValuePair<object?, object?>>(dict.Keys.Count);
                for (var i = 0; i < dict.Keys.Count; i++)
                {
                    pairs.Add(new(Eval(dict.Keys[i], scope), Eval(dict.Values[i], scope)));
                }

                return new JinjaDict(pairs);
            case AttrExpr attribute:
                return GetAttr(Eval(attribute.Target, scope), attribute.Name);
            case ItemExpr item:
                var target = Eval(item.Target, scope);
                return item.Key is SliceExpr slice ? Slice(target, slice, scope) : GetItem(target, Eval(item.Key, scope));
            case UnaryExpr unary:
                var operand = Eval(unary.Operand, scope);
                return unary.Op == "not" ? !JinjaValues.IsTruthy(operand) : JinjaOperators.Unary(unary.Op, operand);
            case BinaryExpr { Op: "and" } and:
                var left = Eval(and.Left, scope);
                return JinjaValues.IsTruthy(left) ? Eval(and.Right, scope) : left;
            case BinaryExpr { Op: "or" } or:
                var first = Eval(or.Left, scope);
                return JinjaValues.IsTruthy(first) ? first : Eval(or.Right, scope);
            case BinaryExpr binary:
                return JinjaOperators.Binary(binary.Op, Eval(binary.Left, scope), Eval(binary.Right, scope), budget);
            case CompareExpr compare:
                return EvalCompare(compare, scope);
            case CondExpr conditional:
                if (JinjaValues.IsTruthy(Eval(conditional.Test, scope)))
                {
                    return Eval(conditional.Then, scope);
                }

                return conditional.Else is null
                    ? new JinjaUndefined($"the inline if-expression on line {conditional.Line} evaluated to false and no else section was defined.")
                    : Eval(conditional.Else, scope);
            case CallExpr call:
                return Invoke(Eval(call.Callee, scope), EvalArgs(call.Args, scope));
            case FilterExpr filter:
                return ApplyFilter(filter, null, scope);
            case TestExpr test:
                return JinjaTests.Apply(this, test.Name, Eval(test.Target, scope), EvalArgs(test.Args, scope));
            default:
                throw new JinjaException(JinjaErrorKind.Runtime, "a slice is only allowed inside a subscript");
        }
    }

    private bool EvalCompare(CompareExpr compare, JinjaScope scope)
    {
        // A chain a < b < c evaluates b once and stops at the first false link, as Python does.
        var left = Eval(compare.First, scope);
        for (var i = 0; i < compare.Ops.Count; i++)
        {
            var right = Eval(compare.Operands[i], scope);
            if (!Compare(compare.Ops[i], left, right))
            {
                return false;
            }

            left = right;
        }

        return true;
    }

    public bool Compare(string op, object? left, object? right) => op switch
    {
        "==" => JinjaValues.PyEquals(left, right, budget),
        "!=" => !JinjaValues.PyEquals(left, right, budget),
        "<" => JinjaValues.Order(left, right, op, budget) < 0,
        "<=" => JinjaValues.Order(left, right, op, budget) <= 0,
        ">" => JinjaValues.Order(left, right, op, budget) > 0,
        ">=" => JinjaValues.Order(left, right, op, budget) >= 0,
        "in" => Contains(right, left),
        "notin" => !Contains(right, left),
        _ => throw new JinjaException(JinjaErrorKind.Runtime, $"unknown comparison '{op}'"),
    };

    /// <summary>Python's <c>item in container</c>.</summary>
    public bool Contains(object? container, object? item)
    {
        switch (container)
        {
            case string text:
                budget.CountChars(text.Length);
                return item is string part
                    ? text.Contains(part, StringComparison.Ordinal)
                    : throw new JinjaException(JinjaErrorKind.Runtime, $"'in <string>' requires string as left operand, not {JinjaValues.TypeName(item)}");
            case JinjaDict dict:
                budget.CountChars(item is string key ? key.Length : 0);
                return dict.ContainsKey(item);
            case JinjaList or JinjaIterator or JinjaUndefined:
                return Iterate(container).Any(element => JinjaValues.PyEquals(element, item, budget));
            default:
                throw new JinjaException(JinjaErrorKind.Runtime, $"argument of type '{JinjaValues.TypeName(container)}' is not iterable");
        }
    }

    private JinjaArgs EvalArgs(CallArgs args, JinjaScope scope)
    {
        if (args.Positional.Count == 0 && args.Named.Count == 0)
        {
            return JinjaArgs.None;
        }

        return new JinjaArgs(
            [.. args.Positional.Select(arg => Eval(arg, scope))],
            [.. args.Named.Select(arg => new KeyValuePair<string, object?>(arg.Key, Eval(arg.Value, scope)))]);
    }

    /// <summary>Applies a filter chain; the innermost target is <paramref name="input"/> when it has none (a block's body).</summary>
    private object? ApplyFilter(FilterExpr filter, object? input, JinjaScope scope)
    {
        var value = filter.Target switch
        {
            null => input,
            FilterExpr inner => ApplyFilter(inner, input, scope),
            var target => Eval(target, scope),
        };
        try
        {
            return JinjaFilters.Apply(this, filter.Name, value, EvalArgs(filter.Args, scope));
        }
        catch (JinjaException error) when (error.Line is null)
        {
            throw error.AtLine(filter.Line);
        }
    }
}
