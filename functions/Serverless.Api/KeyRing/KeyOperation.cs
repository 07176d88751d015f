namespace Serverless.Api.KeyRing;

/// <summary>The body of Key Vault's <c>wrapkey</c> and <c>unwrapkey</c> operations.</summary>
/// <param name="Alg">The algorithm.</param>
/// <param name="Value">The bytes, Base64url.</param>
internal sealed record KeyOperation(string Alg, string Value);
