using System.Text.Json;

namespace Serverless.ModelBuilder.Catalog;

/// <summary>Writes model.json into a model folder.</summary>
internal static class ModelManifestWriter
{
    public static void Write(string folder, ModelManifest manifest)
    {
        using var stream = File.Create(Path.Combine(folder, ModelManifest.FileName));
        JsonSerializer.Serialize(stream, manifest, ModelManifestJsonContext.Default.ModelManifest);
    }
}
