using System.Globalization;
using System.Runtime.CompilerServices;

namespace Serverless.Inference.Chat.Jinja;

/// <summary>Python's <c>str()</c> and <c>repr()</c>, which is how jinja2 prints values.</summary>
internal static partial class JinjaValues
{
    /// <summary>Python's <c>str(x)</c>, except that undefined prints as nothing.</summary>
    public static string ToStr(object? value, JinjaBudget budget) => value switch
    {
        string s => s,
        null => "None",
        JinjaUndefined => "",
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => PyFloat.Repr(d),
        _ => Build(value, budget, repr: false),
    };

    /// <summary>Python's <c>repr(x)</c>, for messages and the items of printed containers.</summary>
    public static string Repr(object? value, JinjaBudget? budget = null) =>
        value is string s ? PyStrings.Repr(s) : Build(value, budget ?? new JinjaBudget(JinjaLimits.Default), repr: true);

    private static string Build(object? value, JinjaBudget budget, bool repr)
    {
        var text = new JinjaText(budget);
        Write(text, value, repr);
        return text.ToString();
    }

    private static void Write(JinjaText text, object? value, bool repr)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (value)
        {
            case string s:
                text.Append(repr ? PyStrings.Repr(s) : s);
                break;
            case JinjaUndefined:
                text.Append(repr ? "Undefined" : "");
                break;
            case null or bool or long or double:
                text.Append(ToStr(value, text.Budget));
                break;
            case JinjaList list:
                WriteList(text, list);
                break;
            case JinjaDict dict:
                WriteDict(text, dict.Pairs);
                break;
            case JinjaNamespace ns:
                text.Append("<Namespace ");
                WriteDict(text, ns.Attributes.Select(a => new KeyValuePair<object?, object?>(a.Key, a.Value)));
                text.Append('>');
                break;
            case JinjaIterator iterator:
                text.Append($"<{iterator.TypeName} object>");
                break;
            case JinjaMacro macro:
                text.Append($"<Macro '{macro.Node.Name}'>");
                break;
            case JinjaFunction function:
                text.Append($"<built-in function {function.Name}>");
                break;
            default:
                text.Append(value.ToString() ?? "");
                break;
        }
    }

    private static void WriteList(JinjaText text, JinjaList list)
    {
        var (open, close) = list.Kind switch
        {
            JinjaListKind.Tuple => ("(", list.Count == 1 ? ",)" : ")"),
            JinjaListKind.DictKeys => ("dict_keys([", "])"),
            JinjaListKind.DictValues => ("dict_values([", "])"),
            JinjaListKind.DictItems => ("dict_items([", "])"),
            _ => ("[", "]"),
        };
        text.Append(open);
        for (var i = 0; i < list.Count; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            Write(text, list[i], repr: true);
        }

        text.Append(close);
    }

    private static void WriteDict(JinjaText text, IEnumerable<KeyValuePair<object?, object?>> pairs)
    {
        text.Append('{');
        var first = true;
        foreach (var (key, value) in pairs)
        {
            if (!first)
            {
                text.Append(", ");
            }

            first = false;
            Write(text, key, repr: true);
            text.Append(": ");
            Write(text, value, repr: true);
        }

        text.Append('}');
    }
}
