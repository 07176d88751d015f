namespace Serverless.Api.KeyRing;

/// <summary>Key Vault's answer to <c>wrapkey</c> and <c>unwrapkey</c>.</summary>
/// <param name="Kid">The key version that did it.</param>
/// <param name="Value">The bytes, Base64url.</param>
internal sealed record KeyOperationResult(string? Kid, string Value);
