namespace Serverless.Api.Admin;

/// <summary>Reads the key id out of admin paths; both hosts fill route values differently, the path is the same.</summary>
internal static class AdminPaths
{
    private const string KeysPrefix = "/v1/admin/keys/";

    /// <summary>The <c>{id}</c> of <c>/v1/admin/keys/{id}</c> or <c>/v1/admin/keys/{id}/rotate</c>.</summary>
    public static string KeyId(string path) => Uri.UnescapeDataString(path[KeysPrefix.Length..].Split('/')[0]);
}
