namespace Serverless.Api.Auth;

/// <summary>The JWKS cannot be fetched and no earlier copy exists: tokens can be neither accepted nor refused.</summary>
public sealed class JwtKeysUnavailableException(Exception inner) : Exception("The JWT signing keys cannot be fetched.", inner);
