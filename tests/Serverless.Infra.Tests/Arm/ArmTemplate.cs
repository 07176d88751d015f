using System.Text.Json;

namespace Serverless.Infra.Tests.Arm;

/// <summary>A compiled ARM template with its modules flattened: every resource it would deploy for given parameters.</summary>
internal sealed class ArmTemplate
{
    private ArmTemplate(ArmScope root)
    {
        Root = root;
        var scopes = new List<ArmScope>();
        var resources = new List<ArmResource>();
        Collect(root, scopes, resources);
        Scopes = scopes;
        Resources = resources;
    }

    /// <summary>The top-level deployment.</summary>
    public ArmScope Root { get; }

    /// <summary>The top-level deployment and every module's deployment.</summary>
    public IReadOnlyList<ArmScope> Scopes { get; }

    /// <summary>Every resource deployed, modules flattened (the module deployments themselves left out).</summary>
    public IReadOnlyList<ArmResource> Resources { get; }

    /// <summary>Evaluates <paramref name="json"/> as deployed with <paramref name="parameters"/>.</summary>
    public static ArmTemplate Load(string json, IReadOnlyDictionary<string, object?> parameters) =>
        new(new ArmScope(JsonDocument.Parse(json).RootElement.Clone(), parameters, resourceGroup: null, "main"));

    /// <summary>The resources of one type.</summary>
    public IReadOnlyList<ArmResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>The one resource of a type.</summary>
    public ArmResource Single(string type) => Assert.Single(OfType(type));

    private static void Collect(ArmScope scope, List<ArmScope> scopes, List<ArmResource> resources)
    {
        scopes.Add(scope);
        foreach (var (declaration, copy) in scope.Declarations())
        {
            if (ArmScope.IsDeployment(declaration))
            {
                Collect(scope.Deployment(ArmValues.Text(scope.Evaluate(declaration.GetProperty("name"), copy))), scopes, resources);
            }
            else
            {
                resources.Add(new ArmResource(scope, declaration, copy));
            }
        }
    }
}
