using System.Reflection;

namespace Serverless.Testing;

/// <summary>Where things are in the repository this build came from.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root: the first folder above the test binaries that holds Serverless.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built with (the services are built alike).</summary>
    public static string Configuration { get; } = typeof(RepositoryPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    /// <summary>The shared cache of default models (MODELS_PATH, else .models at the root).</summary>
    public static string Models => Environment.GetEnvironmentVariable("MODELS_PATH") is { Length: > 0 } path ? path : Path.Combine(Root, ".models");

    /// <summary>The worker executable's assembly.</summary>
    public static string WorkerDll => Path.Combine(Root, "gpu-worker", "Serverless.Worker", "bin", Configuration, "net10.0", "Serverless.Worker.dll");

    /// <summary>The local API host's assembly.</summary>
    public static string LocalHostDll => Path.Combine(Root, "functions", "Serverless.LocalHost", "bin", Configuration, "net10.0", "Serverless.LocalHost.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Serverless.sln not found above " + AppContext.BaseDirectory);
    }
}
