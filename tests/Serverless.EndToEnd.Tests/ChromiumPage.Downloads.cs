using System.Text.Json.Nodes;

namespace Serverless.EndToEnd.Tests;

/// <summary>Downloads, for pages that hand the user a file (the console's CSV).</summary>
internal sealed partial class ChromiumPage
{
    /// <summary>Lets the page download files, saving them under <paramref name="folder"/> with the names the page gives.</summary>
    public async Task AllowDownloadsAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        await SendAsync("Browser.setDownloadBehavior", new JsonObject { ["behavior"] = "allow", ["downloadPath"] = folder });
    }
}
