using System.Collections.Frozen;
using Serverless.Api.WebAssets;

namespace Serverless.Api.WebConsole;

/// <summary>
/// The web console, embedded in this assembly at build time: <c>console/dist</c> as Vite builds it from
/// <c>console/</c> (the page and its hashed scripts and styles under <c>assets/</c>). Nothing is fetched from
/// elsewhere, at build or at run time.
/// </summary>
internal static class ConsoleAssets
{
    private const string Prefix = "Console/";
    private const string AssetsPrefix = Prefix + "assets/";

    private static readonly Lazy<(EmbeddedAsset Page, FrozenDictionary<string, EmbeddedAsset> Assets)> All = new(Load);

    /// <summary>The page itself, served at <c>/console</c>.</summary>
    public static EmbeddedAsset Page => All.Value.Page;

    /// <summary>The asset named <paramref name="name"/> (a file of <c>assets/</c>), or null when there is none.</summary>
    public static EmbeddedAsset? Find(string name) => All.Value.Assets.GetValueOrDefault(name);

    private static (EmbeddedAsset, FrozenDictionary<string, EmbeddedAsset>) Load()
    {
        var page = EmbeddedAsset.ReadResource(Prefix + "index.html")
            ?? throw new InvalidOperationException("The console's index.html is not embedded in the build (npm run build:console makes it).");
        var assets = typeof(ConsoleAssets).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(AssetsPrefix, StringComparison.Ordinal))
            .ToFrozenDictionary(
                name => name[AssetsPrefix.Length..],
                name => EmbeddedAsset.Of(name, EmbeddedAsset.ReadResource(name)!),
                StringComparer.Ordinal);
        return (EmbeddedAsset.Of("index.html", page), assets);
    }
}
