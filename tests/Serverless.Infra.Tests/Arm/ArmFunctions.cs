using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Serverless.Infra.Tests.Arm;

/// <summary>
/// The template functions Bicep compiles to, evaluated offline. Whatever needs a live deployment
/// (<c>reference()</c> to a resource, <c>list*()</c>) is an <see cref="ArmUnknown"/>; <c>reference()</c> to a
/// module's deployment evaluates that module's outputs. An unsupported function throws, so nothing passes by accident.
/// </summary>
internal static class ArmFunctions
{
    private const string DeploymentsSegment = "/providers/Microsoft.Resources/deployments/";

    public static object? Invoke(ArmScope scope, ArmExpression.Call call, CopyContext copy)
    {
        var name = call.Name.ToLowerInvariant();

        // Lazy: only the chosen branch is evaluated.
        if (name == "if")
        {
            return scope.Evaluate(call.Arguments[0], copy) switch
            {
                true => scope.Evaluate(call.Arguments[1], copy),
                false => scope.Evaluate(call.Arguments[2], copy),
                var unknown => new ArmUnknown($"if({unknown})"),
            };
        }

        var args = call.Arguments.Select(a => scope.Evaluate(a, copy)).ToList();
        return name switch
        {
            "parameters" => scope.Parameter(Text(args[0])),
            "variables" => scope.Variable(Text(args[0])),
            "copyindex" => copy.Index(args.Count > 0 && args[0] is string loop ? loop : null) + (args.LastOrDefault() is long offset ? offset : 0),
            "reference" => Reference(scope, args),
            "resourceid" => Known(call, args) ?? ResourceId(scope, args),
            "format" => Format(args),
            "concat" => Concat(args),
            "createobject" => CreateObject(args),
            "createarray" => args.ToList(),
            "union" => Union(args),
            "items" => Known(call, args) ?? Items(args[0]),
            "coalesce" => args.FirstOrDefault(a => a is not null),
            "trygetproperty" or "tryget" => args[0] is Dictionary<string, object?> obj && obj.TryGetValue(Text(args[1]), out var got) ? got : null,
            "json" => Known(call, args) ?? FromJson(Text(args[0])),
            "null" => null,
            "true" => true,
            "false" => false,
            "subscription" => Subscription(),
            "tenant" => Obj(("tenantId", ArmScope.TenantId)),
            "resourcegroup" => Obj(("id", scope.ScopeId), ("name", scope.ResourceGroup), ("location", new ArmUnknown("resourceGroup().location"))),
            "deployment" => Obj(("name", scope.DeploymentName)),
            "fail" => throw new ArmDeploymentFailure(Text(args[0])),
            "environment" => Obj(("name", "AzureCloud"), ("suffixes", Obj(("storage", "core.windows.net"), ("keyvaultDns", ".vault.azure.net"), ("acrLoginServer", ".azurecr.io")))),
            _ when name.StartsWith("list", StringComparison.Ordinal) => new ArmUnknown($"{call.Name}(...)"),
            _ => Known(call, args) ?? Pure(name, args),
        };
    }

    public static object? Member(object? target, string name) => target switch
    {
        ArmUnknown unknown => new ArmUnknown($"{unknown.Description}.{name}"),
        Dictionary<string, object?> obj when obj.TryGetValue(name, out var value) => value,
        _ => throw new InvalidOperationException($"No property '{name}' on {ArmValues.Text(target)}."),
    };

    public static object? Index(object? target, object? key) => (target, key) switch
    {
        (ArmUnknown unknown, _) => new ArmUnknown($"{unknown.Description}[{ArmValues.Text(key)}]"),
        (_, ArmUnknown unknown) => new ArmUnknown($"[{unknown.Description}]"),
        (List<object?> list, long i) => list[(int)i],
        (Dictionary<string, object?> obj, string k) when obj.TryGetValue(k, out var value) => value,
        _ => throw new InvalidOperationException($"Cannot index {ArmValues.Text(target)} with {ArmValues.Text(key)}."),
    };

    /// <summary>Functions of known values only: an unknown argument makes the result unknown.</summary>
    private static object? Pure(string name, List<object?> a) => name switch
    {
        "string" => ArmValues.Text(a[0]),
        "int" => a[0] is long l ? l : long.Parse(Text(a[0]), CultureInfo.InvariantCulture),
        "bool" => a[0] is bool b ? b : bool.Parse(Text(a[0])),
        "tolower" => Text(a[0]).ToLowerInvariant(),
        "toupper" => Text(a[0]).ToUpperInvariant(),
        "empty" => ArmValues.IsEmpty(a[0]),
        "length" => a[0] switch
        {
            string s => (long)s.Length,
            List<object?> list => list.Count,
            Dictionary<string, object?> obj => obj.Count,
            _ => throw new InvalidOperationException("length() of " + ArmValues.Text(a[0])),
        },
        "not" => !(bool)a[0]!,
        "and" => a.All(x => (bool)x!),
        "or" => a.Any(x => (bool)x!),
        "equals" => ArmValues.DeepEquals(a[0], a[1]),
        "contains" => a[0] switch
        {
            string s => s.Contains(Text(a[1]), StringComparison.OrdinalIgnoreCase),
            List<object?> list => list.Any(x => ArmValues.DeepEquals(x, a[1])),
            Dictionary<string, object?> obj => obj.ContainsKey(Text(a[1])),
            _ => false,
        },
        "startswith" => Text(a[0]).StartsWith(Text(a[1]), StringComparison.OrdinalIgnoreCase),
        "endswith" => Text(a[0]).EndsWith(Text(a[1]), StringComparison.OrdinalIgnoreCase),
        "replace" => Text(a[0]).Replace(Text(a[1]), Text(a[2]), StringComparison.Ordinal),
        "split" => Text(a[0]).Split(Text(a[1])).Select(s => (object?)s).ToList(),
        "join" => string.Join(Text(a[1]), ((List<object?>)a[0]!).Select(ArmValues.Text)),
        "take" => a[0] is string s ? s[..(int)Math.Min((long)a[1]!, s.Length)] : ((List<object?>)a[0]!).Take((int)(long)a[1]!).ToList(),
        "skip" => a[0] is string s ? s[(int)Math.Min((long)a[1]!, s.Length)..] : ((List<object?>)a[0]!).Skip((int)(long)a[1]!).ToList(),
        "substring" => Text(a[0]).Substring((int)(long)a[1]!, a.Count > 2 ? (int)(long)a[2]! : Text(a[0]).Length - (int)(long)a[1]!),
        "first" => a[0] is string s ? s[..1] : ((List<object?>)a[0]!).FirstOrDefault(),
        "last" => a[0] is string s ? s[^1..] : ((List<object?>)a[0]!).LastOrDefault(),
        "add" => (long)a[0]! + (long)a[1]!,
        "sub" => (long)a[0]! - (long)a[1]!,
        "mul" => (long)a[0]! * (long)a[1]!,
        "div" => (long)a[0]! / (long)a[1]!,
        "mod" => (long)a[0]! % (long)a[1]!,
        "min" => a.Cast<long>().Min(),
        "max" => a.Cast<long>().Max(),
        "greater" => (long)a[0]! > (long)a[1]!,
        "less" => (long)a[0]! < (long)a[1]!,
        "greaterorequals" => (long)a[0]! >= (long)a[1]!,
        "lessorequals" => (long)a[0]! <= (long)a[1]!,
        "uniquestring" => UniqueString(a),
        "guid" => Guid(a),
        "subscriptionresourceid" => SubscriptionResourceId(a),
        "tenantresourceid" => "/providers/" + TypeAndNames(a),
        "extensionresourceid" => $"{Text(a[0])}/providers/{TypeAndNames(a.Skip(1).ToList())}",
        _ => throw new NotSupportedException($"Template function '{name}' is not supported by the test evaluator; add it to {nameof(ArmFunctions)}."),
    };

    private static object? Known(ArmExpression.Call call, List<object?> args) =>
        args.OfType<ArmUnknown>().Any() ? new ArmUnknown($"{call.Name}({string.Join(", ", args.Select(ArmValues.Text))})") : null;

    private static string Text(object? value) => ArmValues.Text(value);

    private static Dictionary<string, object?> Obj(params (string Key, object? Value)[] properties)
    {
        var obj = ArmValues.NewObject();
        foreach (var (key, value) in properties)
        {
            obj[key] = value;
        }

        return obj;
    }

    private static Dictionary<string, object?> Subscription() =>
        Obj(("id", $"/subscriptions/{ArmScope.SubscriptionId}"), ("subscriptionId", ArmScope.SubscriptionId), ("tenantId", ArmScope.TenantId));

    private static object? Reference(ArmScope scope, List<object?> args)
    {
        if (args[0] is string id && id.IndexOf(DeploymentsSegment, StringComparison.OrdinalIgnoreCase) is var at and >= 0)
        {
            // A module's outputs: evaluate the module.
            var outputs = ArmValues.NewObject();
            foreach (var (name, value) in scope.Deployment(id[(at + DeploymentsSegment.Length)..]).Outputs)
            {
                outputs[name] = Obj(("value", value));
            }

            return Obj(("outputs", outputs));
        }

        return new ArmUnknown($"reference({Text(args[0])})");
    }

    private static object? Format(List<object?> args)
    {
        if (args[0] is ArmUnknown)
        {
            return new ArmUnknown("format(...)");
        }

        var text = string.Format(CultureInfo.InvariantCulture, Text(args[0]), args.Skip(1).Select(Text).ToArray<object?>());
        return args.Skip(1).Any(a => a is ArmUnknown) ? new ArmUnknown(text) : text;
    }

    private static object? Concat(List<object?> args)
    {
        if (args.Any(a => a is List<object?>))
        {
            return args.Any(a => a is ArmUnknown) ? new ArmUnknown("concat(...)") : args.SelectMany(a => (List<object?>)a!).ToList();
        }

        var text = string.Concat(args.Select(Text));
        return args.Any(a => a is ArmUnknown) ? new ArmUnknown(text) : text;
    }

    private static Dictionary<string, object?> CreateObject(List<object?> args)
    {
        var obj = ArmValues.NewObject();
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            obj[Text(args[i])] = args[i + 1];
        }

        return obj;
    }

    private static object? Union(List<object?> args)
    {
        if (args.All(a => a is Dictionary<string, object?>))
        {
            var obj = ArmValues.NewObject();
            foreach (var (key, value) in args.Cast<Dictionary<string, object?>>().SelectMany(d => d))
            {
                obj[key] = value;
            }

            return obj;
        }

        return args.All(a => a is List<object?>)
            ? args.Cast<List<object?>>().SelectMany(l => l).Distinct().ToList()
            : new ArmUnknown("union(...)");
    }

    private static List<object?> Items(object? value) =>
        ((Dictionary<string, object?>)value!)
            .OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .Select(p => (object?)Obj(("key", p.Key), ("value", p.Value)))
            .ToList();

    private static object? FromJson(string json) => new ArmScope(
        JsonDocument.Parse("""{"parameters":{},"variables":{},"resources":[]}""").RootElement,
        new Dictionary<string, object?>(),
        null,
        "json").Evaluate(JsonDocument.Parse(json).RootElement, CopyContext.None);

    // Not Azure's algorithms, only deterministic stand-ins of the same shape.
    private static string UniqueString(List<object?> args)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', args.Select(Text))));
        return new string(hash.Take(13).Select(b => "abcdefghijklmnopqrstuvwxyz234567"[b % 32]).ToArray());
    }

    private static string Guid(List<object?> args) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', args.Select(Text))))[..16]).ToString();

    private static string ResourceId(ArmScope scope, List<object?> args)
    {
        // resourceId([subscriptionId], [resourceGroupName], type, names...): the type is the first argument with a '/'.
        var typeAt = args.FindIndex(a => Text(a).Contains('/', StringComparison.Ordinal));
        var prefix = typeAt switch
        {
            0 => scope.ScopeId,
            1 => $"/subscriptions/{ArmScope.SubscriptionId}/resourceGroups/{Text(args[0])}",
            _ => $"/subscriptions/{Text(args[0])}/resourceGroups/{Text(args[1])}",
        };
        return $"{prefix}/providers/{TypeAndNames(args.Skip(typeAt).ToList())}";
    }

    private static string SubscriptionResourceId(List<object?> args)
    {
        var typeAt = args.FindIndex(a => Text(a).Contains('/', StringComparison.Ordinal));
        var subscription = typeAt == 1 ? Text(args[0]) : ArmScope.SubscriptionId;
        return $"/subscriptions/{subscription}/providers/{TypeAndNames(args.Skip(typeAt).ToList())}";
    }

    /// <summary><c>Microsoft.X/a/b</c> with names <c>n1, n2</c> as <c>Microsoft.X/a/n1/b/n2</c>.</summary>
    private static string TypeAndNames(List<object?> args)
    {
        var types = Text(args[0]).Split('/');
        var path = new StringBuilder(types[0]);
        for (var i = 1; i < types.Length; i++)
        {
            path.Append('/').Append(types[i]).Append('/').Append(Text(args[i]));
        }

        return path.ToString();
    }
}
