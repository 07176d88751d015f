using Serverless.Api.Auth;

namespace Serverless.Api.Routing;

/// <summary>
/// One entry of the route table: a name, the HTTP methods, the template (no leading slash, as Functions writes it),
/// the handler, and what the caller must be (null: no authentication, for health and unknown paths).
/// </summary>
public sealed record ApiRoute(string Name, IReadOnlyList<string> Methods, string Template, Type HandlerType, RouteAccess? Access);
