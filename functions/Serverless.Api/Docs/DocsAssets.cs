using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;
using Serverless.Api.WebAssets;

namespace Serverless.Api.Docs;

/// <summary>
/// The docs page and its files, embedded in this assembly at build time: Swagger UI's bundle and styles from the
/// npm package <c>swagger-ui-dist</c> (the version in <c>package-lock.json</c>) with its licence, and the page and
/// its start script from <c>Docs/Page</c>. Nothing is fetched from elsewhere, at build or at run time.
/// </summary>
internal static partial class DocsAssets
{
    /// <summary>The page itself, served at <c>/docs</c>.</summary>
    public const string Page = "index.html";

    private static readonly string[] Files = ["swagger-ui-bundle.js", "swagger-ui.css", "docs.js", "swagger-ui-bundle.js.LICENSE.txt", "LICENSE", "NOTICE"];

    private static readonly Lazy<FrozenDictionary<string, EmbeddedAsset>> All = new(Load);

    /// <summary>The asset named <paramref name="name"/>, or null when there is none.</summary>
    public static EmbeddedAsset? Find(string name) => All.Value.GetValueOrDefault(name);

    private static FrozenDictionary<string, EmbeddedAsset> Load()
    {
        var assets = Files.ToDictionary(name => name, name => EmbeddedAsset.Of(name, Read(name)), StringComparer.Ordinal);

        // The page names each asset by its hash ("?v=..."), so a browser may keep an asset for good: a build that
        // changes it changes its name. The page itself is revalidated on each visit (its ETag).
        var page = AssetHash().Replace(Encoding.UTF8.GetString(Read(Page)), m => assets[m.Groups[1].Value].Hash);
        assets[Page] = EmbeddedAsset.Of(Page, Encoding.UTF8.GetBytes(page));
        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static byte[] Read(string name) =>
        EmbeddedAsset.ReadResource("Docs/" + name) ?? throw new InvalidOperationException($"The docs asset '{name}' is not embedded in the build.");

    [GeneratedRegex(@"\{\{([^}]+)\}\}")]
    private static partial Regex AssetHash();
}
