namespace Serverless.Api.Auth;

/// <summary>What a route asks of its caller: at least a role, and every one of some scopes.</summary>
/// <param name="MinimumRole">The least role that may call the route.</param>
/// <param name="Scopes">Scopes the caller must all hold (a key with no scopes holds every scope).</param>
public sealed record RouteAccess(Role MinimumRole, IReadOnlyList<string> Scopes)
{
    /// <summary>Models: any role, no scope (listing models reveals nothing a key could misuse).</summary>
    public static RouteAccess Read { get; } = new(Role.Reader, []);

    /// <summary>Administration: the admin role and the <c>admin</c> scope.</summary>
    public static RouteAccess Admin { get; } = new(Role.Admin, [Auth.Scopes.Admin]);

    /// <summary>Usage and quota: any role and the <c>usage</c> scope.</summary>
    public static RouteAccess Usage { get; } = new(Role.Reader, [Auth.Scopes.Usage]);

    /// <summary>Reading and cancelling jobs: the user role and the <c>jobs</c> scope.</summary>
    public static RouteAccess Jobs { get; } = new(Role.User, [Auth.Scopes.Jobs]);

    /// <summary>Inference of the given kind: the user role and its scope.</summary>
    public static RouteAccess Inference(string scope) => new(Role.User, [scope]);

    /// <summary>Submitting a job of the given kind: the user role, the <c>jobs</c> scope and the kind's scope.</summary>
    public static RouteAccess Job(string scope) => new(Role.User, [Auth.Scopes.Jobs, scope]);

    /// <summary>Whether <paramref name="caller"/> may call the route.</summary>
    public bool Allows(Caller caller) => caller.Role >= MinimumRole && Scopes.All(caller.HasScope);
}
