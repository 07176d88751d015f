using System.Text.Json;

namespace Serverless.Infra.Tests.Arm;

/// <summary>One resource a compiled template deploys, evaluated in the deployment (module) that declares it.</summary>
internal sealed class ArmResource(ArmScope scope, JsonElement declaration, CopyContext copy)
{
    private Dictionary<string, object?>? value;

    /// <summary>The resource type, e.g. <c>Microsoft.Web/sites</c>.</summary>
    public string Type { get; } = declaration.GetProperty("type").GetString()!;

    /// <summary>The deployment (module) that declares it.</summary>
    public ArmScope Scope => scope;

    /// <summary>The evaluated name (child resources: <c>parent/child</c>).</summary>
    public string Name => ArmValues.Text(scope.Evaluate(declaration.GetProperty("name"), copy));

    /// <summary>The resource ID it gets (extension resources such as role assignments: under their scope).</summary>
    public string Id
    {
        get
        {
            var types = Type.Split('/');
            var names = Name.Split('/');
            var path = types[0];
            for (var i = 1; i < types.Length; i++)
            {
                path += $"/{types[i]}/{names[i - 1]}";
            }

            var parent = ArmValues.At(Value, "scope") is string extended ? ScopeToId(extended) : scope.ScopeId;
            return $"{parent}/providers/{path}";
        }
    }

    /// <summary>The whole declaration, evaluated.</summary>
    public Dictionary<string, object?> Value => value ??= (Dictionary<string, object?>)scope.Evaluate(declaration, copy)!;

    /// <summary>The evaluated value at a dotted path, e.g. <c>properties.siteConfig.appSettings</c>.</summary>
    public object? this[string path] => ArmValues.At(Value, path);

    /// <summary>A relative scope (<c>Microsoft.Storage/storageAccounts/name</c>) as a full resource ID.</summary>
    public string ScopeToId(string relative) =>
        relative.StartsWith('/') ? relative : $"{scope.ScopeId}/providers/{relative}";

    public override string ToString() => $"{Type} '{Name}' (module {scope.DeploymentName})";
}
