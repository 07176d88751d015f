namespace Serverless.Api.Identity;

/// <summary>
/// The answer of <c>GET /v1/me</c>: who the key (or token) that made the call is, and what it may do, so a client (the
/// console) can offer only what the caller may use. Never a secret.
/// </summary>
/// <param name="KeyId">The key id (<c>jwt:</c> and the subject for a token).</param>
/// <param name="Owner">The tenant it acts for and is billed to.</param>
/// <param name="Role"><c>admin</c>, <c>user</c> or <c>reader</c>.</param>
/// <param name="Scopes">The scopes it holds (a key created with none holds every one, and they are all listed).</param>
/// <param name="Models">The models it may use; null when any.</param>
/// <param name="Tier">Its pricing and limits tier.</param>
public sealed record CallerView(string KeyId, string Owner, string Role, IReadOnlyList<string> Scopes, IReadOnlyList<string>? Models, string Tier)
{
    /// <summary>Always <c>caller</c>.</summary>
    public string Object => "caller";
}
