namespace Serverless.Api.Auth;

/// <summary>What a route asks of its caller: at least a role and, optionally, a scope.</summary>
public sealed record RouteAccess(Role MinimumRole, string? Scope = null)
{
    /// <summary>Models: any role.</summary>
    public static RouteAccess Read { get; } = new(Role.Reader);

    /// <summary>Administration: the admin role.</summary>
    public static RouteAccess Admin { get; } = new(Role.Admin);

    /// <summary>Inference of the given kind: the user role and the scope.</summary>
    public static RouteAccess Inference(string scope) => new(Role.User, scope);
}
