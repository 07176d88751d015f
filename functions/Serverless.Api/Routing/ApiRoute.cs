namespace Serverless.Api.Routing;

/// <summary>One entry of the route table: a name, the HTTP methods, the template (no leading slash, as Functions writes it) and the handler.</summary>
public sealed record ApiRoute(string Name, IReadOnlyList<string> Methods, string Template, Type HandlerType);
