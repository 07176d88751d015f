namespace Serverless.Inference.Catalog;

/// <summary>What makes a folder under the models path a model: a model.json, or a Hugging Face export's config.json.</summary>
public static class ModelFolders
{
    /// <summary>A Hugging Face export's model configuration.</summary>
    public const string ExportConfig = "config.json";

    /// <summary>Whether the catalog loads this folder.</summary>
    public static bool IsModelFolder(string folder) =>
        File.Exists(Path.Combine(folder, ModelJson.FileName)) || File.Exists(Path.Combine(folder, ExportConfig));
}
