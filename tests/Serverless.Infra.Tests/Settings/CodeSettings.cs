using System.Reflection;
using Serverless.Api.Relay;
using Serverless.Worker.Serving;

namespace Serverless.Infra.Tests.Settings;

/// <summary>
/// The settings each program reads: the Functions app runs the API core, the worker's container app and job run
/// the worker. Each program's options classes are those of its own assembly and of every <c>Serverless.*</c>
/// assembly it references, so an options class added to a shared library is not missed.
/// </summary>
internal static class CodeSettings
{
    /// <summary>The assemblies the Functions app's code comes from.</summary>
    public static IReadOnlyList<Assembly> ApiAssemblies { get; } = WithProductReferences(typeof(WorkerOptions).Assembly);

    /// <summary>The assemblies the worker's code comes from.</summary>
    public static IReadOnlyList<Assembly> WorkerAssemblies { get; } = WithProductReferences(typeof(ServeOptions).Assembly);

    /// <summary>The API core's options.</summary>
    public static OptionsSettings Api { get; } = OptionsSettings.Of(ApiAssemblies, new Dictionary<Type, string>());

    /// <summary>The worker's options, serve and job mode alike.</summary>
    public static OptionsSettings Worker { get; } = OptionsSettings.Of(WorkerAssemblies, new Dictionary<Type, string>());

    private static List<Assembly> WithProductReferences(Assembly root)
    {
        var found = new List<Assembly> { root };
        for (var i = 0; i < found.Count; i++)
        {
            foreach (var reference in found[i].GetReferencedAssemblies().Where(r => r.Name!.StartsWith("Serverless.", StringComparison.Ordinal)))
            {
                if (found.All(a => a.GetName().Name != reference.Name))
                {
                    found.Add(Assembly.Load(reference));
                }
            }
        }

        return found;
    }
}
