namespace Serverless.Api.Versioning;

/// <summary>
/// One entry of the deprecation table: a route (by its name in the route table), and optionally one parameter of it
/// (a query parameter, or a top-level field of an inference route's JSON body); when it was deprecated, when it
/// stops working (if decided), and where the change is described.
/// </summary>
public sealed record Deprecation(string Route, string? Parameter, DateTimeOffset DeprecatedAt, DateTimeOffset? SunsetAt, Uri Link);
