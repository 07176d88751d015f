using System.Text.Json;

namespace Serverless.Infra.Tests.Arm;

/// <summary>
/// One deployment of a compiled template (the root, or a module's nested deployment): its parameter values,
/// variables, resources and outputs, evaluated on demand the way Azure Resource Manager would, except that
/// what only a real deployment knows becomes an <see cref="ArmUnknown"/>.
/// </summary>
internal sealed class ArmScope
{
    /// <summary>The subscription every evaluation pretends to deploy to.</summary>
    public const string SubscriptionId = "00000000-0000-0000-0000-000000000001";

    /// <summary>The tenant every evaluation pretends to deploy to.</summary>
    public const string TenantId = "00000000-0000-0000-0000-000000000002";

    private const string DeploymentsType = "Microsoft.Resources/deployments";

    private readonly IReadOnlyDictionary<string, object?> suppliedParameters;
    private readonly Dictionary<string, object?> parameters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, object?> variables = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ArmScope> deployments = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, object?>? outputs;

    public ArmScope(JsonElement template, IReadOnlyDictionary<string, object?> suppliedParameters, string? resourceGroup, string deploymentName)
    {
        Template = template;
        this.suppliedParameters = new Dictionary<string, object?>(suppliedParameters, StringComparer.OrdinalIgnoreCase);
        ResourceGroup = resourceGroup;
        DeploymentName = deploymentName;
    }

    /// <summary>The template of this deployment.</summary>
    public JsonElement Template { get; }

    /// <summary>The resource group it deploys to; <see langword="null"/> at subscription scope.</summary>
    public string? ResourceGroup { get; }

    /// <summary>The deployment's name (the module name).</summary>
    public string DeploymentName { get; }

    /// <summary>The ID that <c>resourceId()</c> builds on here.</summary>
    public string ScopeId => ResourceGroup is null
        ? $"/subscriptions/{SubscriptionId}"
        : $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroup}";

    /// <summary>The value of a parameter: the one supplied, else its default.</summary>
    public object? Parameter(string name)
    {
        if (parameters.TryGetValue(name, out var value))
        {
            return value;
        }

        if (suppliedParameters.TryGetValue(name, out value))
        {
            // As supplied.
        }
        else if (Template.GetProperty("parameters").TryGetProperty(name, out var declaration) && declaration.TryGetProperty("defaultValue", out var defaultValue))
        {
            value = Evaluate(defaultValue, CopyContext.None);
        }
        else
        {
            throw new InvalidOperationException($"Deployment '{DeploymentName}': parameter '{name}' has no value and no default.");
        }

        parameters[name] = value;
        return value;
    }

    /// <summary>The value of a variable (copy-loop variables included).</summary>
    public object? Variable(string name)
    {
        if (variables.TryGetValue(name, out var value))
        {
            return value;
        }

        var declared = Template.GetProperty("variables");
        if (declared.TryGetProperty(name, out var element))
        {
            value = Evaluate(element, CopyContext.None);
        }
        else if (declared.TryGetProperty("copy", out var loops) && loops.EnumerateArray().FirstOrDefault(l => l.GetProperty("name").GetString() == name) is { ValueKind: JsonValueKind.Object } loop)
        {
            value = EvaluateLoop(loop, CopyContext.None);
        }
        else
        {
            throw new InvalidOperationException($"Deployment '{DeploymentName}': no variable '{name}'.");
        }

        variables[name] = value;
        return value;
    }

    /// <summary>The outputs, evaluated.</summary>
    public IReadOnlyDictionary<string, object?> Outputs
    {
        get
        {
            if (outputs is null)
            {
                outputs = ArmValues.NewObject();
                if (Template.TryGetProperty("outputs", out var declared))
                {
                    foreach (var output in declared.EnumerateObject())
                    {
                        outputs[output.Name] = Evaluate(output.Value.GetProperty("value"), CopyContext.None);
                    }
                }
            }

            return outputs;
        }
    }

    /// <summary>Every resource this template declares and deploys (not <c>existing</c> ones), copy loops expanded, false conditions dropped.</summary>
    public IEnumerable<(JsonElement Declaration, CopyContext Copy)> Declarations()
    {
        var resources = Template.GetProperty("resources");
        var all = resources.ValueKind == JsonValueKind.Array ? resources.EnumerateArray().ToList() : resources.EnumerateObject().Select(p => p.Value).ToList();
        foreach (var declaration in all)
        {
            if (declaration.TryGetProperty("existing", out var existing) && existing.GetBoolean())
            {
                continue;
            }

            var contexts = new List<CopyContext>();
            if (declaration.TryGetProperty("copy", out var loop))
            {
                var name = loop.GetProperty("name").GetString()!;
                var count = (long)Evaluate(loop.GetProperty("count"), CopyContext.None)!;
                for (var i = 0L; i < count; i++)
                {
                    contexts.Add(CopyContext.None.Enter(name, i));
                }
            }
            else
            {
                contexts.Add(CopyContext.None);
            }

            foreach (var copy in contexts)
            {
                if (declaration.TryGetProperty("condition", out var condition) && Evaluate(condition, copy) is false)
                {
                    continue;
                }

                yield return (declaration, copy);
            }
        }
    }

    /// <summary>Whether a declaration is a nested deployment (a module).</summary>
    public static bool IsDeployment(JsonElement declaration) =>
        string.Equals(declaration.GetProperty("type").GetString(), DeploymentsType, StringComparison.OrdinalIgnoreCase);

    /// <summary>The nested deployment declared here under <paramref name="name"/>.</summary>
    public ArmScope Deployment(string name)
    {
        if (deployments.TryGetValue(name, out var scope))
        {
            return scope;
        }

        foreach (var (declaration, copy) in Declarations().Where(d => IsDeployment(d.Declaration)))
        {
            if (Evaluate(declaration.GetProperty("name"), copy) as string == name)
            {
                scope = Nested(declaration, copy, name);
                deployments[name] = scope;
                return scope;
            }
        }

        throw new InvalidOperationException($"Deployment '{DeploymentName}' declares no module '{name}'.");
    }

    /// <summary>Evaluates a template JSON value: expressions in strings (and property names), property copy loops.</summary>
    public object? Evaluate(JsonElement element, CopyContext copy)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                var text = element.GetString()!;
                if (ArmExpressionParser.IsExpression(text))
                {
                    return Evaluate(ArmExpressionParser.Parse(text), copy);
                }

                return text.StartsWith("[[", StringComparison.Ordinal) ? text[1..] : text;
            case JsonValueKind.Number:
                return element.TryGetInt64(out var integer) ? integer : (object)element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return null;
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(e => Evaluate(e, copy)).ToList();
            default:
                var obj = ArmValues.NewObject();
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "copy" && property.Value.ValueKind == JsonValueKind.Array)
                    {
                        // Property loops: each entry generates the property it names.
                        foreach (var loop in property.Value.EnumerateArray())
                        {
                            obj[loop.GetProperty("name").GetString()!] = EvaluateLoop(loop, copy);
                        }

                        continue;
                    }

                    var key = ArmExpressionParser.IsExpression(property.Name)
                        ? ArmValues.Text(Evaluate(ArmExpressionParser.Parse(property.Name), copy))
                        : property.Name;
                    obj[key] = Evaluate(property.Value, copy);
                }

                return obj;
        }
    }

    /// <summary>Evaluates a parsed expression.</summary>
    public object? Evaluate(ArmExpression expression, CopyContext copy) => expression switch
    {
        ArmExpression.Literal literal => literal.Value,
        ArmExpression.Call call => ArmFunctions.Invoke(this, call, copy),
        ArmExpression.Member member => ArmFunctions.Member(Evaluate(member.Target, copy), member.Name),
        ArmExpression.Index index => ArmFunctions.Index(Evaluate(index.Target, copy), Evaluate(index.Key, copy)),
        _ => throw new NotSupportedException(expression.ToString()),
    };

    private List<object?> EvaluateLoop(JsonElement loop, CopyContext copy)
    {
        var name = loop.GetProperty("name").GetString()!;
        var count = (long)Evaluate(loop.GetProperty("count"), copy)!;
        var items = new List<object?>();
        for (var i = 0L; i < count; i++)
        {
            items.Add(Evaluate(loop.GetProperty("input"), copy.Enter(name, i)));
        }

        return items;
    }

    private ArmScope Nested(JsonElement declaration, CopyContext copy, string name)
    {
        var properties = declaration.GetProperty("properties");
        var supplied = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (properties.TryGetProperty("parameters", out var given))
        {
            foreach (var parameter in given.EnumerateObject())
            {
                // Usually { "value": ... }; Bicep emits a conditional value as one expression yielding that object.
                supplied[parameter.Name] = parameter.Value.ValueKind == JsonValueKind.Object
                    ? Evaluate(parameter.Value.GetProperty("value"), copy)
                    : ArmFunctions.Member(Evaluate(parameter.Value, copy), "value");
            }
        }

        var resourceGroup = declaration.TryGetProperty("resourceGroup", out var group)
            ? ArmValues.Text(Evaluate(group, copy))
            : ResourceGroup;
        return new ArmScope(properties.GetProperty("template"), supplied, resourceGroup, name);
    }
}
