using System.Text.Json.Nodes;

namespace Serverless.EndToEnd.Tests;

/// <summary>Downloads and phone screens, for pages that hand the user a file or must work on a phone (the console).</summary>
internal sealed partial class ChromiumPage
{
    /// <summary>Lets the page download files, saving them under <paramref name="folder"/> with the names the page gives.</summary>
    public async Task AllowDownloadsAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        await SendAsync("Browser.setDownloadBehavior", new JsonObject { ["behavior"] = "allow", ["downloadPath"] = folder });
    }

    /// <summary>
    /// Shows pages as a phone of <paramref name="width"/> by <paramref name="height"/> CSS pixels does, honouring their
    /// viewport meta tag (a headless window is never narrower than 500 px).
    /// </summary>
    public Task EmulatePhoneAsync(int width, int height) =>
        SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = true });
}
